package dev.blog.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local stack reads the real template.yaml: these are the facts it serves the API from. */
class TemplateTest {
  private final Template template = Template.load(Template.findProjectDir());

  @Test
  void everyContractRouteIsServedAndOnlyTheContractsPublicRoutesArePublic() {
    List<String> routes = template.routes().stream().map(Route::routeKey).toList();
    assertThat(routes).contains("POST /auth/register", "POST /auth/login", "GET /.well-known/jwks.json", "GET /me",
        "GET /users", "GET /users/{id}", "POST /users", "PUT /users/{id}", "DELETE /users/{id}", "POST /posts",
        "GET /posts", "GET /posts/{id}", "PUT /posts/{id}", "DELETE /posts/{id}", "GET /audit", "POST /graphql",
        "POST /auth/logout", "PUT /me/password", "POST /auth/verify-email", "POST /auth/password-reset",
        "POST /auth/password-reset/confirm");
    // The contract's Auth section lists the public routes; logout and a password change need the token.
    assertThat(template.routes().stream().filter(r -> !r.authorized()).map(Route::routeKey))
        .containsExactlyInAnyOrder("POST /auth/register", "POST /auth/login", "GET /.well-known/jwks.json",
            "POST /auth/verify-email", "POST /auth/password-reset", "POST /auth/password-reset/confirm");
  }

  @Test
  void openApiDocumentsExactlyTheRoutesTheTemplateDeclares() throws java.io.IOException {
    var yaml = new org.yaml.snakeyaml.Yaml();
    Map<String, Object> openApi;
    try (var in = java.nio.file.Files.newInputStream(template.projectDir().resolve("openapi.yaml"))) {
      openApi = yaml.load(in);
    }
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");
    List<String> documented = paths.entrySet().stream()
        .flatMap(path -> path.getValue().keySet().stream()
            .filter(key -> List.of("get", "post", "put", "delete", "patch").contains(key))
            .map(method -> method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()))
        .toList();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(
        template.routes().stream().map(Route::routeKey).toList());
  }

  @Test
  void theDefaultAuthorizerIsTheLambdaFunctionKeyedOnTheAuthorizationHeaderAndCached() {
    Authorizer authorizer = template.defaultAuthorizer().orElseThrow();
    assertThat(authorizer.functionId()).isEqualTo("AuthorizerFunction");
    assertThat(authorizer.identityHeaders()).containsExactly("Authorization");
    assertThat(authorizer.reauthorizeEverySeconds()).isPositive();
    assertThat(authorizer.simpleResponses()).isTrue();
  }

  @Test
  void functionsGetGlobalsMergedWithTheirOwnEnvironment() {
    FunctionDef login = template.function("LoginFunction");
    assertThat(login.handler()).isEqualTo("dev.blog.auth.LoginHandler::handleRequest");
    assertThat(login.jar().toString()).endsWith("functions/auth/target/auth-functions.jar");
    assertThat(login.environment()).containsKeys("TABLE_NAME", "JWT_ISSUER", "SIGNING_KEY_SECRET_ARN");
    assertThat(login.timeoutSeconds()).isPositive();
  }

  @Test
  void onlyTheLoginFunctionIsToldWhereTheSigningKeyIs() {
    List<String> withSigningKey = template.functionIds().stream()
        .filter(id -> template.function(id).environment().containsKey("SIGNING_KEY_SECRET_ARN")).toList();
    assertThat(withSigningKey).containsExactly("LoginFunction");
  }

  @Test
  void intrinsicsResolveAgainstLocalNames() {
    LocalNames names = new LocalNames(template, Map.of("AppTable", "AppTable-x"), Map.of("JwtPublicJwks", "{\"keys\":[]}"));
    assertThat(Intrinsics.resolve(Map.of("Ref", "AppTable"), names)).isEqualTo("AppTable-x");
    assertThat(Intrinsics.resolve(Map.of("Ref", "SigningKeySecret"), names)).isEqualTo(LocalAccount.secretArn("SigningKeySecret"));
    assertThat(Intrinsics.resolve(Map.of("Ref", "JwtPublicJwks"), names)).isEqualTo("{\"keys\":[]}");
    assertThat(Intrinsics.resolve(Map.of("Ref", "JwtIssuer"), names)).isEqualTo("https://blog.example.dev");
    assertThat(Intrinsics.resolve(Map.of("Fn::Sub", "${AppTable.Arn}/index/*"), names))
        .isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/AppTable-x/index/*");
    assertThat(Intrinsics.resolve(Map.of("Fn::Sub", List.of("${A}-${!Literal}", Map.of("A", "a"))), names))
        .isEqualTo("a-${Literal}");
    assertThat(Intrinsics.resolve(Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Ref", "AWS::Region")))), names))
        .isEqualTo("a-us-east-1");
  }

  @Test
  void anIntrinsicTheLocalStackCannotHonourFailsLoudly() {
    LocalNames names = new LocalNames(template, Map.of(), Map.of());
    assertThatThrownBy(() -> Intrinsics.resolve(Map.of("Fn::ImportValue", "x"), names))
        .hasMessageContaining("cannot resolve");
  }

  @Test
  void theEmailWorkerIsFedByTheEmailQueueInBatchesWithPartialFailuresTwoEnvironmentsAtMost() {
    assertThat(template.sqsSources()).contains(new EventSource.Sqs("EmailWorkerFunction", "EmailQueue", 10, true, 2));
  }

  @Test
  void theOutboxRelayReadsTheOutboxTablesOwnStreamNewItemsOnlyAndRetriesUntilRecordsAgeOut() {
    EventSource.Stream relay = template.streamSources().stream()
        .filter(s -> s.functionId().equals("OutboxRelayFunction")).findFirst().orElseThrow();
    assertThat(relay.tableId()).isEqualTo("OutboxTable");
    assertThat(relay.filterPatterns()).singleElement().asString().contains("INSERT");
    assertThat(relay.maximumRetryAttempts()).isEqualTo(-1);
    assertThat(relay.maximumRecordAgeSeconds()).isEqualTo(-1);
    assertThat(relay.onFailureQueueId()).isEmpty();
    assertThat(template.tables()).filteredOn(t -> t.streamViewType().isPresent()).extracting(TableDef::logicalId)
        .as("no other table has a stream: nothing else reads the application table's changes")
        .containsExactly("OutboxTable");
  }

  @Test
  void aFailedDailySummaryIsRetriedTwiceThenKeptOnItsOnFailureQueue() {
    assertThat(template.asyncInvoke("DailySummaryFunction")).isEqualTo(new EventSource.AsyncInvoke("DailySummaryFunction",
        2, 21_600, java.util.Optional.of("ScheduledRunsDeadLetterQueue")));
  }

  @Test
  void tablesWithATimeToLiveNameItsAttribute() {
    assertThat(template.tables()).allSatisfy(table -> assertThat(table.timeToLiveAttribute()).contains("expiresAt"));
  }

  @Test
  void theDailySummaryIsScheduledAtMidnightUtc() {
    assertThat(template.schedules()).contains(new EventSource.Schedule("DailySummaryFunction", "cron(0 0 * * ? *)"));
  }

  @Test
  void theEmailQueueDeadLettersAfterItsMaxReceiveCount() {
    QueueDef emails = template.queues().stream().filter(q -> q.logicalId().equals("EmailQueue")).findFirst().orElseThrow();
    assertThat(emails.redrive()).contains(new QueueDef.Redrive("EmailDeadLetterQueue", 5));
    assertThat(emails.visibilityTimeoutSeconds()).isPresent();
  }

  @Test
  void everyTableKeyIsADefinedAttribute() {
    assertThat(template.tables()).isNotEmpty().allSatisfy(table -> {
      List<String> defined = table.attributes().stream().map(TableDef.Attribute::name).toList();
      assertThat(table.keySchema()).extracting(TableDef.Key::attributeName).isSubsetOf(defined);
      table.globalSecondaryIndexes().forEach(index ->
          assertThat(index.keySchema()).extracting(TableDef.Key::attributeName).isSubsetOf(defined));
    });
  }

  @Test
  void secretsGenerateValuesOfTheirDeclaredLength() {
    assertThat(template.secrets()).contains(new SecretDef("CursorKeySecret", 64));
  }

  /**
   * Every function logs to a group of its own with a retention (else Lambda creates one that keeps logs forever)
   * and has an alarm on its errors and throttles: a function added later gets them too, or this fails.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyFunctionHasItsOwnLogGroupWithARetentionAndAFailureAlarm() throws java.io.IOException {
    Map<String, Object> resources;
    try (var in = java.nio.file.Files.newBufferedReader(template.projectDir().resolve("template.yaml"))) {
      resources = (Map<String, Object>) ((Map<String, Object>) new org.yaml.snakeyaml.Yaml(new CfnYaml.Constructor())
          .load(in)).get("Resources");
    }
    assertThat(template.functionIds()).isNotEmpty().allSatisfy(id -> {
      Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resources.get(id)).get("Properties");
      assertThat(properties.get("LoggingConfig")).as(id).isEqualTo(Map.of("LogGroup", Map.of("Ref", id + "Logs")));
      assertThat(template.typeOf(id + "Logs")).as(id).isEqualTo("AWS::Logs::LogGroup");
      assertThat((Map<String, Object>) ((Map<String, Object>) resources.get(id + "Logs")).get("Properties"))
          .as(id).containsKey("RetentionInDays");
      assertThat(template.typeOf(id + "FailureAlarm")).as(id).isEqualTo("AWS::CloudWatch::Alarm");
      assertThat(resources.get(id + "FailureAlarm").toString()).as(id).contains("{Ref=" + id + "}");
    });
  }
}
