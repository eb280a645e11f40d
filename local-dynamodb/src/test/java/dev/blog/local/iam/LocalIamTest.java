package dev.blog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.faults.FaultProxy;
import dev.blog.local.faults.Faults;
import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.LocalNames;
import dev.blog.local.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * template.yaml's own policies, enforced in front of moto server and met through the real SDK client signed as
 * one function: what the template allows passes, anything else is DynamoDB's AccessDeniedException naming the
 * function's role, the action and the resource, and the stack's log says the same.
 */
class LocalIamTest {
  private static final LocalDynamo DYNAMO = LocalDynamo.shared();
  private static final Map<String, String> TABLES = DYNAMO.createTables("-iam-" + ProcessHandle.current().pid());
  private static final Template TEMPLATE = Template.load(Template.findProjectDir());

  private final List<String> log = new ArrayList<>();
  private final LocalIam iam = new LocalIam(TEMPLATE, new LocalNames(TEMPLATE, TABLES, Map.of()), TABLES, line -> {
    synchronized (log) {
      log.add(line);
    }
  });
  private final FaultProxy proxy = FaultProxy.start(FaultProxy.Service.DYNAMODB, DYNAMO.endpoint(),
      () -> Faults.NONE.dynamodb(), iam.dynamoDb(), line -> { });
  private final List<DynamoDbClient> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(DynamoDbClient::close);
    proxy.close();
  }

  private DynamoDbClient as(String accessKeyId) {
    DynamoDbClient client = DynamoDbClient.builder().endpointOverride(proxy.endpoint()).region(Region.of(LocalAccount.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build();
    clients.add(client);
    return client;
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("X"));
  }

  private String table() {
    return TABLES.get("AppTable");
  }

  @Test
  void aFunctionMayDoWhatItsPolicyAllowsAndWhatItUsedIsNoLongerReportedUnused() {
    // Policies[0] is the session read (role and epoch only), Policies[1] the function's own reads of users
    assertThat(iam.unusedGrants().get("GetUserFunction")).anyMatch(grant -> grant.startsWith("Policies[1]")
        && grant.contains("dynamodb:GetItem on "));
    assertThat(as("GetUserFunction").getItem(r -> r.tableName(table()).key(key("USER#1"))).hasItem()).isFalse();
    assertThat(log).isEmpty();
    assertThat(iam.unusedGrants().get("GetUserFunction"))
        .noneMatch(grant -> grant.startsWith("Policies[1]") && grant.contains("dynamodb:GetItem on "))
        .anyMatch(grant -> grant.contains("dynamodb:BatchGetItem on "))
        .as("a read of every attribute is not the session read").anyMatch(grant -> grant.startsWith("Policies[0]"));
    assertThat(iam.unusedGrants()).containsKey("RegisterFunction");
  }

  @Test
  void anythingElseIsDynamoDbsAccessDeniedNamingTheRoleTheActionAndTheResourceAndIsLogged() {
    String arn = LocalAccount.tableArn(table());
    assertThatThrownBy(() -> as("GetUserFunction").putItem(r -> r.tableName(table()).item(key("USER#1"))))
        .isInstanceOfSatisfying(DynamoDbException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::000000000000:assumed-role/"
              + "GetUserFunctionRole/GetUserFunction is not authorized to perform: dynamodb:PutItem on resource: " + arn
              + " because no identity-based policy allows the dynamodb:PutItem action");
        });
    assertThat(log).singleElement().satisfies(line -> assertThat(line).contains("\"source\":\"iam\"",
        "\"function\":\"GetUserFunction\"", "\"action\":\"dynamodb:PutItem\"", "\"resource\":\"" + arn + "\""));
    assertThat(as("GetUserFunction").getItem(r -> r.tableName(table()).key(key("USER#1"))).hasItem())
        .as("nothing was written").isFalse();
  }

  @Test
  void aTransactionIsDeniedWholeWhenOneOfItsItemsIsNotAllowed() {
    // RegisterFunction may Put (USER#, EMAIL#, AUDIT#, CODE# items) and Update (the COUNTER) on AppTable, never Delete
    assertThatThrownBy(() -> as("RegisterFunction").transactWriteItems(r -> r.transactItems(
        t -> t.put(p -> p.tableName(table()).item(key("USER#tx"))),
        t -> t.delete(d -> d.tableName(table()).key(key("EMAIL#tx"))))))
        .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .contains("dynamodb:DeleteItem"));
    assertThat(as("GetUserFunction").getItem(r -> r.tableName(table()).key(key("USER#tx"))).hasItem()).isFalse();
    as("RegisterFunction").transactWriteItems(r -> r.transactItems(
        t -> t.put(p -> p.tableName(table()).item(key("USER#tx"))),
        t -> t.update(u -> u.tableName(table()).key(key("COUNTER")).updateExpression("ADD n :one")
            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
    assertThat(as("GetUserFunction").getItem(r -> r.tableName(table()).key(key("USER#tx"))).hasItem()).isTrue();
  }

  @Test
  void theEmailWorkerReachesOnlyItsIdempotencyItems() {
    DynamoDbClient worker = as("EmailWorkerFunction");
    worker.putItem(r -> r.tableName(table()).item(key("IDEMPOTENCY#e1")));
    assertThatThrownBy(() -> worker.deleteItem(r -> r.tableName(table()).key(key("USER#1"))))
        .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("AccessDeniedException"));
    assertThat(log).singleElement().satisfies(line -> assertThat(line).contains("dynamodb:LeadingKeys", "USER#1"));
  }

  @Test
  void theAuthorizerReadsOnlyTheAttributesItsPolicyNamesOfUsers() {
    DynamoDbClient authorizer = as("AuthorizerFunction");
    Map<String, String> names = Map.of("#role", "role", "#epoch", "sessionEpoch", "#version", "version");
    authorizer.getItem(r -> r.tableName(table()).key(key("USER#1")).consistentRead(true)
        .projectionExpression("#role, #epoch, #version").expressionAttributeNames(names));
    assertThatThrownBy(() -> authorizer.getItem(r -> r.tableName(table()).key(key("USER#1"))))
        .as("every attribute, the password hash too").isInstanceOfSatisfying(DynamoDbException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    assertThatThrownBy(() -> authorizer.getItem(r -> r.tableName(table()).key(key("USER#1"))
        .projectionExpression("#role, passwordHash").expressionAttributeNames(Map.of("#role", "role"))))
        .isInstanceOf(DynamoDbException.class);
    assertThatThrownBy(() -> authorizer.getItem(r -> r.tableName(table()).key(key("EMAIL#a@example.com"))
        .projectionExpression("#role").expressionAttributeNames(Map.of("#role", "role"))))
        .as("a user's item only").isInstanceOf(DynamoDbException.class);
    assertThat(log).hasSize(3).allSatisfy(line -> assertThat(line).contains("\"function\":\"AuthorizerFunction\""));
    assertThat(log.get(0)).contains("dynamodb:Attributes", "(request: [*])");
    assertThat(log.get(1)).contains("passwordHash");
  }

  @Test
  void aQueryIsAllowedOnTheIndexesThePolicyNamesOnly() {
    DynamoDbClient listUsers = as("ListUsersFunction");
    listUsers.query(r -> r.tableName(table()).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("USERS"))));
    assertThatThrownBy(() -> listUsers.query(r -> r.tableName(table()).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("X")))))
        .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .contains("on resource: " + LocalAccount.tableArn(table()) + "/index/gsi2"));
  }

  @Test
  void aRequestWithAnUnknownAccessKeyIsRefusedAsAnInvalidToken() {
    assertThatThrownBy(() -> as("local").getItem(r -> r.tableName(table()).key(key("USER#1"))))
        .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("UnrecognizedClientException"));
  }

  @Test
  void aSecretIsReadOnlyByTheFunctionsWhosePolicyNamesItByArnOrByName() {
    String signed = "AWS4-HMAC-SHA256 Credential=%s/20261130/us-east-1/secretsmanager/aws4_request, "
        + "SignedHeaders=host;x-amz-date, Signature=0";
    String cursorKey = LocalAccount.secretArn("CursorKeySecret");
    byte[] byArn = ("{\"SecretId\":\"" + cursorKey + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] byName = "{\"SecretId\":\"CursorKeySecret\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] signingKey = "{\"SecretId\":\"SigningKeySecret\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var gate = iam.secretsManager();
    assertThat(gate.refuse(signed.formatted("ListUsersFunction"), "GetSecretValue", byArn)).isEmpty();
    assertThat(gate.refuse(signed.formatted("ListUsersFunction"), "GetSecretValue", byName)).isEmpty();
    assertThat(gate.refuse(signed.formatted("ListUsersFunction"), "GetSecretValue", signingKey)).hasValueSatisfying(refusal -> {
      assertThat(refusal.status()).isEqualTo(400);
      assertThat(refusal.headers()).containsEntry("x-amzn-ErrorType", "AccessDeniedException");
      assertThat(new String(refusal.body(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("secretsmanager:GetSecretValue on resource: " + LocalAccount.secretArn("SigningKeySecret"));
    });
    assertThat(gate.refuse(signed.formatted("LoginFunction"), "GetSecretValue", signingKey)).isEmpty();
    assertThat(gate.refuse(signed.formatted("GetUserFunction"), "GetSecretValue", byArn)).isPresent();
    assertThat(log).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"action\":\"secretsmanager:GetSecretValue\""));
  }

  @Test
  void samsAdditionsForEventsAndDestinationsAreGrantedAsTheTransformGrantsThem() {
    List<dev.blog.local.template.PolicyStatement> summary = TEMPLATE.policies("DailySummaryFunction",
        new LocalNames(TEMPLATE, TABLES, Map.of()));
    assertThat(new PolicyEvaluator(summary).evaluate(new Call("sqs:SendMessage",
        LocalAccount.queueArn("ScheduledRunsDeadLetterQueue"))).allowed()).isTrue();
    List<dev.blog.local.template.PolicyStatement> worker = TEMPLATE.policies("EmailWorkerFunction",
        new LocalNames(TEMPLATE, TABLES, Map.of()));
    assertThat(new PolicyEvaluator(worker).evaluate(new Call("sqs:ReceiveMessage", LocalAccount.queueArn("EmailQueue")))
        .allowed()).isTrue();
    assertThat(new PolicyEvaluator(worker).evaluate(new Call("sqs:SendMessage", LocalAccount.queueArn("EmailQueue")))
        .allowed()).isFalse();
  }

  @Test
  void theEmailWorkerMaySendFromTheConfiguredAddressOnlyAndNoOtherFunctionMaySendAtAll() {
    assertThat(iam.sendEmailDenial("EmailWorkerFunction", "no-reply@blog.example.dev", List.of("a@example.com"))).isEmpty();
    assertThat(iam.sendEmailDenial("EmailWorkerFunction", "ceo@blog.example.dev", List.of("a@example.com")))
        .hasValue("User: arn:aws:sts::000000000000:assumed-role/EmailWorkerFunctionRole/EmailWorkerFunction is not "
            + "authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:000000000000:identity/blog.example.dev");
    assertThat(iam.sendEmailDenial("RegisterFunction", "no-reply@blog.example.dev", List.of("a@example.com"))).isPresent();
    assertThat(log).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"action\":\"ses:SendEmail\""));
  }

  @Test
  void theEventSourcesAndDestinationsOfTheTemplateHaveWhatLambdaChecksOfTheirRoles() {
    assertThat(iam.unusedGrants().getOrDefault("OutboxRelayFunction", List.of()))
        .noneMatch(grant -> grant.contains("dynamodb:GetRecords") || grant.contains("dynamodb:ListStreams"));
  }

  @Test
  void aStreamEventSourceWhoseRoleCannotReadTheStreamStopsTheStackAsItStopsADeploy(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws java.io.IOException {
    String template = java.nio.file.Files.readString(TEMPLATE.projectDir().resolve("template.yaml"));
    String relay = template.substring(template.indexOf("\n  OutboxRelayFunction:\n"));
    int at = template.indexOf("                - dynamodb:GetRecords\n", template.length() - relay.length());
    java.nio.file.Files.writeString(dir.resolve("template.yaml"),
        template.substring(0, at) + template.substring(at + "                - dynamodb:GetRecords\n".length()));
    Template edited = Template.load(dir);
    assertThatThrownBy(() -> new LocalIam(edited, new LocalNames(edited, TABLES, Map.of()), TABLES, line -> { }))
        .hasMessageContaining("OutboxRelayFunction").hasMessageContaining("dynamodb:GetRecords")
        .hasMessageContaining(LocalAccount.tableArn(TABLES.get("OutboxTable")) + "/stream/local");
  }
}
