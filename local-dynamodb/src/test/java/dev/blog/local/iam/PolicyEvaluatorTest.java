package dev.blog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.local.template.PolicyStatement;
import dev.blog.local.template.PolicyStatement.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM's evaluation logic as the local stack applies it to a function's statements. */
class PolicyEvaluatorTest {
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/AppTable";
  private static final String IDENTITY = "arn:aws:ses:us-east-1:000000000000:identity/blog.example.dev";

  /** SendEmail on the blog's identity, allowed only under {@code condition}. */
  private static List<PolicyStatement> sendEmailIf(Condition condition) {
    return List.of(allow(List.of("ses:SendEmail"), List.of(IDENTITY), condition));
  }

  private static PolicyStatement allow(List<String> actions, List<String> resources, Condition... conditions) {
    return new PolicyStatement("Policies[0].Statement[0]", true, actions, false, resources, false, List.of(conditions));
  }

  private static PolicyStatement deny(List<String> actions, List<String> resources, Condition... conditions) {
    return new PolicyStatement("Policies[0].Statement[1]", false, actions, false, resources, false, List.of(conditions));
  }

  private static boolean allows(List<PolicyStatement> statements, Call call) {
    return new PolicyEvaluator(statements).evaluate(call).allowed();
  }

  private static Call call(String action, String resource, Map<String, List<String>> context) {
    return new Call(action, resource, context);
  }

  @Test
  void anActionIsAllowedOnlyWhereAStatementNamesItAndItsResource() {
    List<PolicyStatement> policy = List.of(allow(List.of("dynamodb:GetItem"), List.of(TABLE)));
    assertThat(allows(policy, new Call("dynamodb:GetItem", TABLE))).isTrue();
    assertThat(allows(policy, new Call("dynamodb:PutItem", TABLE))).isFalse();
    assertThat(allows(policy, new Call("dynamodb:GetItem", TABLE + "2"))).isFalse();
    assertThat(allows(List.of(), new Call("dynamodb:GetItem", TABLE))).isFalse();
  }

  @Test
  void actionsMatchWithWildcardsAndIgnoreCase() {
    assertThat(allows(List.of(allow(List.of("dynamodb:Get*"), List.of(TABLE))), new Call("dynamodb:GetItem", TABLE))).isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:Get*"), List.of(TABLE))), new Call("dynamodb:PutItem", TABLE))).isFalse();
    assertThat(allows(List.of(allow(List.of("dynamodb:?etItem"), List.of(TABLE))), new Call("dynamodb:GetItem", TABLE))).isTrue();
    assertThat(allows(List.of(allow(List.of("DynamoDB:getitem"), List.of(TABLE))), new Call("dynamodb:GetItem", TABLE))).isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:*"), List.of(TABLE))), new Call("sqs:SendMessage", TABLE))).isFalse();
  }

  @Test
  void resourcesMatchWithWildcardsCaseSensitivelyAndNeverAcrossTheArnsFirstSegments() {
    Call get = new Call("dynamodb:GetItem", TABLE);
    assertThat(allows(List.of(allow(List.of("dynamodb:GetItem"), List.of("*"))), get)).isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:GetItem"), List.of("arn:aws:dynamodb:*:000000000000:table/App?able"))), get))
        .isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:GetItem"), List.of(TABLE.toLowerCase()))), get)).isFalse();
    // a * inside a segment stays in it; one that ends a segment may run on across colons
    assertThat(allows(List.of(allow(List.of("dynamodb:GetItem"), List.of("arn:aws:dynamodb:*1:table/AppTable"))), get)).isFalse();
    assertThat(allows(List.of(allow(List.of("dynamodb:GetItem"), List.of("arn:aws:dynamodb:*:table/AppTable"))), get)).isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:GetItem"), List.of("arn:aws:dynamodb:*"))), get)).isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:GetItem"), List.of("arn:aws:sqs:*"))), get)).isFalse();
  }

  @Test
  void anIndexIsItsOwnResourceTheTablesArnDoesNotCover() {
    Call queryGsi1 = new Call("dynamodb:Query", TABLE + "/index/gsi1");
    assertThat(allows(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE))), queryGsi1)).isFalse();
    assertThat(allows(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE + "/index/gsi1"))), queryGsi1)).isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE + "/index/gsi2"))), queryGsi1)).isFalse();
    assertThat(allows(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE + "/index/*"))), queryGsi1)).isTrue();
    assertThat(allows(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE + "/index/*"))), new Call("dynamodb:Query", TABLE)))
        .isFalse();
  }

  @Test
  void anExplicitDenyWinsOverAnyAllow() {
    List<PolicyStatement> policy = List.of(allow(List.of("dynamodb:*"), List.of("*")),
        deny(List.of("dynamodb:DeleteItem"), List.of(TABLE)));
    PolicyEvaluator evaluator = new PolicyEvaluator(policy);
    assertThat(evaluator.evaluate(new Call("dynamodb:GetItem", TABLE)).allowed()).isTrue();
    Decision delete = evaluator.evaluate(new Call("dynamodb:DeleteItem", TABLE));
    assertThat(delete.outcome()).isEqualTo(Decision.Outcome.EXPLICITLY_DENIED);
    assertThat(delete.reason()).contains("Policies[0].Statement[1]");
  }

  @Test
  void aDenyWithAConditionDeniesOnlyWhereTheConditionHolds() {
    List<PolicyStatement> policy = List.of(allow(List.of("dynamodb:GetItem"), List.of(TABLE)),
        deny(List.of("dynamodb:GetItem"), List.of(TABLE), new Condition("ForAnyValue:StringLike", "dynamodb:LeadingKeys",
            List.of("SECRET#*"))));
    assertThat(allows(policy, call("dynamodb:GetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("USER#1"))))).isTrue();
    assertThat(allows(policy, call("dynamodb:GetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("SECRET#1"))))).isFalse();
  }

  @Test
  void notActionAndNotResourceAllowEverythingButWhatTheyName() {
    PolicyStatement allButDelete = new PolicyStatement("s", true, List.of("dynamodb:DeleteItem"), true, List.of(TABLE), false,
        List.of());
    assertThat(allows(List.of(allButDelete), new Call("dynamodb:PutItem", TABLE))).isTrue();
    assertThat(allows(List.of(allButDelete), new Call("dynamodb:DeleteItem", TABLE))).isFalse();
    PolicyStatement elsewhere = new PolicyStatement("s", true, List.of("dynamodb:GetItem"), false, List.of(TABLE), true, List.of());
    assertThat(allows(List.of(elsewhere), new Call("dynamodb:GetItem", TABLE))).isFalse();
    assertThat(allows(List.of(elsewhere), new Call("dynamodb:GetItem", TABLE + "2"))).isTrue();
  }

  @Test
  void forAllValuesStringLikeOnLeadingKeysAllowsOnlyItemsWhosePartitionKeysAllMatch() {
    List<PolicyStatement> policy = List.of(allow(List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"), List.of(TABLE),
        new Condition("ForAllValues:StringLike", "dynamodb:LeadingKeys", List.of("IDEMPOTENCY#*"))));
    assertThat(allows(policy, call("dynamodb:GetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("IDEMPOTENCY#a")))))
        .isTrue();
    assertThat(allows(policy, call("dynamodb:GetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("USER#a"))))).isFalse();
    assertThat(allows(policy, call("dynamodb:BatchGetItem", TABLE,
        Map.of("dynamodb:LeadingKeys", List.of("IDEMPOTENCY#a", "USER#b"))))).isFalse();
    // IAM's own rule (and the reason AWS says to pair it with a Null check): no key at all satisfies ForAllValues
    assertThat(allows(policy, new Call("dynamodb:GetItem", TABLE))).isTrue();
  }

  @Test
  void forAllValuesStringEqualsAndForAnyValueFollowIamsSetRules() {
    Condition all = new Condition("ForAllValues:StringEquals", "dynamodb:LeadingKeys", List.of("A", "B"));
    Condition any = new Condition("ForAnyValue:StringEquals", "dynamodb:LeadingKeys", List.of("A"));
    List<PolicyStatement> allPolicy = List.of(allow(List.of("dynamodb:BatchGetItem"), List.of(TABLE), all));
    List<PolicyStatement> anyPolicy = List.of(allow(List.of("dynamodb:BatchGetItem"), List.of(TABLE), any));
    Call ab = call("dynamodb:BatchGetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("A", "B")));
    Call ac = call("dynamodb:BatchGetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("A", "C")));
    assertThat(allows(allPolicy, ab)).isTrue();
    assertThat(allows(allPolicy, ac)).isFalse();
    assertThat(allows(anyPolicy, ac)).isTrue();
    assertThat(allows(anyPolicy, new Call("dynamodb:BatchGetItem", TABLE))).isFalse();
  }

  @Test
  void sesFromAddressMustEqualTheAddressThePolicyNames() {
    String identity = IDENTITY;
    List<PolicyStatement> policy = sendEmailIf(new Condition("StringEquals", "ses:FromAddress",
        List.of("no-reply@blog.example.dev")));
    assertThat(allows(policy, call("ses:SendEmail", identity, Map.of("ses:FromAddress", List.of("no-reply@blog.example.dev")))))
        .isTrue();
    Decision other = new PolicyEvaluator(policy).evaluate(
        call("ses:SendEmail", identity, Map.of("ses:FromAddress", List.of("ceo@blog.example.dev"))));
    assertThat(other.outcome()).isEqualTo(Decision.Outcome.IMPLICITLY_DENIED);
    assertThat(other.reason()).contains("StringEquals ses:FromAddress [no-reply@blog.example.dev]", "ceo@blog.example.dev");
    assertThat(allows(policy, new Call("ses:SendEmail", identity))).isFalse();
  }

  @Test
  void sesRecipientsWithForAllValuesAllowsOnlyEmailsWhoseEveryRecipientMatches() {
    List<PolicyStatement> policy = sendEmailIf(new Condition("ForAllValues:StringLike", "ses:Recipients",
        List.of("*@blog.example.dev")));
    assertThat(allows(policy, call("ses:SendEmail", IDENTITY, Map.of("ses:Recipients",
        List.of("ann@blog.example.dev", "bob@blog.example.dev"))))).isTrue();
    assertThat(allows(policy, call("ses:SendEmail", IDENTITY, Map.of("ses:Recipients",
        List.of("ann@blog.example.dev", "eve@elsewhere.example"))))).isFalse();
  }

  @Test
  void attributesWithSelectAllowOnlyReadsOfTheNamedAttributes() {
    List<PolicyStatement> policy = List.of(allow(List.of("dynamodb:GetItem", "dynamodb:Query"), List.of(TABLE),
        new Condition("ForAllValues:StringEquals", "dynamodb:Attributes", List.of("pk", "sk", "role")),
        new Condition("StringEqualsIfExists", "dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES"))));
    assertThat(allows(policy, call("dynamodb:GetItem", TABLE, Map.of("dynamodb:Attributes", List.of("pk", "role"))))).isTrue();
    assertThat(allows(policy, call("dynamodb:GetItem", TABLE, Map.of("dynamodb:Attributes", List.of("role", "passwordHash")))))
        .isFalse();
    assertThat(allows(policy, call("dynamodb:GetItem", TABLE, Map.of("dynamodb:Attributes", List.of(Attributes.EVERY)))))
        .as("a read without a projection reads every attribute").isFalse();
    assertThat(allows(policy, call("dynamodb:Query", TABLE, Map.of("dynamodb:Attributes", List.of("pk"),
        "dynamodb:Select", List.of("ALL_ATTRIBUTES"))))).isFalse();
  }

  @Test
  void negatedOperatorsIfExistsAndNullTreatAnAbsentKeyAsIamDoes() {
    Call without = new Call("ses:SendEmail", "*");
    Call with = call("ses:SendEmail", "*", Map.of("ses:FromAddress", List.of("a@x")));
    List<PolicyStatement> notEquals = List.of(allow(List.of("ses:SendEmail"), List.of("*"),
        new Condition("StringNotEquals", "ses:FromAddress", List.of("a@x"))));
    assertThat(allows(notEquals, without)).isTrue();
    assertThat(allows(notEquals, with)).isFalse();
    List<PolicyStatement> ifExists = List.of(allow(List.of("ses:SendEmail"), List.of("*"),
        new Condition("StringEqualsIfExists", "ses:FromAddress", List.of("b@x"))));
    assertThat(allows(ifExists, without)).isTrue();
    assertThat(allows(ifExists, with)).isFalse();
    List<PolicyStatement> mustHave = List.of(allow(List.of("ses:SendEmail"), List.of("*"),
        new Condition("Null", "ses:FromAddress", List.of("false"))));
    assertThat(allows(mustHave, without)).isFalse();
    assertThat(allows(mustHave, with)).isTrue();
  }

  @Test
  void aDenialSaysWhichActionOnWhichResourceNoStatementAllows() {
    Decision decision = new PolicyEvaluator(List.of()).evaluate(new Call("dynamodb:GetItem", TABLE));
    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.IMPLICITLY_DENIED);
    assertThat(decision.reason()).isEqualTo("no statement allows dynamodb:GetItem on " + TABLE);
  }

  @Test
  void aConditionTheLocalStackCannotEvaluateFailsTheLoadInsteadOfGuessing() {
    assertThatThrownBy(() -> new PolicyEvaluator(List.of(allow(List.of("dynamodb:GetItem"), List.of(TABLE),
        new Condition("IpAddress", "aws:SourceIp", List.of("10.0.0.0/8"))))))
        .hasMessageContaining("IpAddress").hasMessageContaining("Policies[0].Statement[0]");
    assertThatThrownBy(() -> new PolicyEvaluator(List.of(allow(List.of("dynamodb:GetItem"), List.of(TABLE),
        new Condition("StringEquals", "aws:SourceVpce", List.of("vpce-1"))))))
        .hasMessageContaining("aws:SourceVpce").hasMessageContaining("Policies[0].Statement[0]");
    assertThatThrownBy(() -> new PolicyEvaluator(List.of(allow(List.of("dynamodb:GetItem"), List.of(TABLE),
        new Condition("NumericLessThan", "dynamodb:LeadingKeys", List.of("3"))))))
        .hasMessageContaining("NumericLessThan");
  }
}
