package dev.blog.core.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.blog.core.store.internal.SecretsManagerSource;
import dev.blog.core.testing.LocalModule;
import dev.blog.core.testing.TestStore;
import dev.blog.core.testing.WireCounter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Priming's one decision at the socket, against moto server and a Secrets Manager stand-in of the test: in a priming
 * run nothing reaches the service (the HTTP client's whole path runs against a loopback server of the priming
 * code, which answers with a made-up answer, a secret's too, not kept) and no credentials are asked for;
 * outside one, every request is sent, whatever it carries.
 */
class PrimingAtTheSocketTest {
  private final TestStore.Table table = TestStore.freshTable();
  private final WireCounter wire = new WireCounter(UrlConnectionHttpClient.builder().build());
  private final AtomicInteger credentialLookups = new AtomicInteger();
  private final AwsCredentialsProvider countedCredentials = () -> {
    credentialLookups.incrementAndGet();
    return AwsBasicCredentials.create("local", "local");
  };
  private final DynamoDbClient client = client(PrimingCredentials.around(countedCredentials));
  private final Map<String, AttributeValue> adaKey = Map.of("pk", s("USER#ada"), "sk", s("USER"));

  private DynamoDbClient client(AwsCredentialsProvider credentials) {
    return DynamoDbClient.builder().endpointOverride(table.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(PrimingHttpClient.around(wire)).build();
  }

  private String adaName(DynamoDbClient c) {
    var item = c.getItem(r -> r.tableName(table.name()).key(adaKey).consistentRead(true)).item();
    return item.containsKey("name") ? item.get("name").s() : "(no item)";
  }

  private List<Map<String, AttributeValue>> everything() {
    return LocalModule.client(table.endpoint()).scan(r -> r.tableName(table.name()).consistentRead(true)).items();
  }

  @Test
  void aPrimingRunSendsNothingAsksForNoCredentialsAndGetsAMadeUpAnswer() {
    client.putItem(r -> r.tableName(table.name()).item(Map.of("pk", s("USER#ada"), "sk", s("USER"), "name", s("Ada"))));
    wire.reset();
    credentialLookups.set(0);
    Priming priming = new Priming();
    priming.register("read", () -> adaName(client));

    PrimingReport.Outcome outcome = priming.runAll().of("read");

    assertThat(outcome.reached()).isEqualTo("Priming"); // DynamoDbAnswers' item, not Ada
    assertThat(outcome.answered()).containsExactly("DynamoDB.GetItem");
    assertThat(wire.sent()).isEmpty();
    assertThat(wire.primed()).as("the real HTTP client's whole path ran, against the loopback server").isEqualTo(1);
    assertThat(credentialLookups).hasValue(0);
  }

  @Test
  void outsideAPrimingRunEveryRequestIsSentEvenOneSignedWithThePrimingKey() {
    client.putItem(r -> r.tableName(table.name()).item(Map.of("pk", s("USER#ada"), "sk", s("USER"), "name", s("Ada"))));
    DynamoDbClient primingSigned = client(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(PrimingCredentials.ACCESS_KEY_ID, "priming-not-a-secret")));
    wire.reset();

    assertThat(adaName(client)).isEqualTo("Ada");
    assertThat(adaName(primingSigned)).isEqualTo("Ada");
    assertThat(wire.sent()).containsEntry("DynamoDB_20120810.GetItem", 2);
  }

  @Test
  void aRequestOfAnotherThreadDuringAPrimingRunIsSent() throws Exception {
    client.putItem(r -> r.tableName(table.name()).item(Map.of("pk", s("USER#ada"), "sk", s("USER"), "name", s("Ada"))));
    CountDownLatch inWarmup = new CountDownLatch(1);
    CountDownLatch otherDone = new CountDownLatch(1);
    CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
      try {
        inWarmup.await(30, TimeUnit.SECONDS);
        return adaName(client);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        otherDone.countDown();
      }
    });
    Priming priming = new Priming();
    priming.register("read while another thread reads", () -> {
      inWarmup.countDown();
      try {
        otherDone.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return adaName(client);
    });

    assertThat(priming.runAll().of("read while another thread reads").reached()).isEqualTo("Priming");
    assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo("Ada");
  }

  @Test
  void writesInAPrimingRunWriteNothing() {
    Priming priming = new Priming();
    priming.register("writes", () -> {
      client.putItem(r -> r.tableName(table.name()).item(Map.of("pk", s("USER#bob"), "sk", s("USER"))));
      client.transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName(table.name())
          .item(Map.of("pk", s("USER#eve"), "sk", s("USER"))))));
      return "written";
    });

    PrimingReport.Outcome outcome = priming.runAll().of("writes");

    assertThat(outcome.reached()).isEqualTo("written");
    assertThat(outcome.answered()).containsExactly("DynamoDB.PutItem", "DynamoDB.TransactWriteItems");
    assertThat(everything()).isEmpty();
    assertThat(wire.sent()).isEmpty();
  }

  @Test
  void aRequestNotSignedWithThePrimingKeyIsRefusedInAPrimingRun() {
    DynamoDbClient plainCredentials = client(countedCredentials);
    Priming priming = new Priming();
    priming.register("unsigned", () -> adaName(plainCredentials));

    PrimingReport.Outcome outcome = priming.runAll().of("unsigned");

    assertThat(outcome.reached()).startsWith("failed: ");
    assertThat(outcome.refused()).containsExactly("DynamoDB.GetItem");
    assertThat(wire.sent()).isEmpty();
    assertThat(wire.refused()).isZero();
    assertThat(wire.primed()).isZero();
  }

  @Test
  void aSecretAskedForInAPrimingRunIsMadeUpThereNeverFetchedAndNotKept() throws IOException {
    AtomicInteger hits = new AtomicInteger();
    HttpServer secretsManager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    secretsManager.createContext("/", exchange -> {
      hits.incrementAndGet();
      byte[] body = "{\"Name\":\"k\",\"SecretString\":\"s3cret\"}".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    secretsManager.start();
    try (SecretsManagerClient secrets = SecretsManagerClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + secretsManager.getAddress().getPort()))
        .region(Region.US_EAST_1).credentialsProvider(PrimingCredentials.around(countedCredentials))
        .httpClient(PrimingHttpClient.around(wire)).build()) {
      SecretsManagerSource source = new SecretsManagerSource(() -> secrets);
      Priming priming = new Priming();
      priming.register("secret", () -> source.get("k"));
      priming.register("other call", () -> secrets.describeSecret(r -> r.secretId("k")).name());

      PrimingReport report = priming.runAll();

      assertThat(report.of("secret")).isEqualTo(new PrimingReport.Outcome(PrimingData.SECRET,
          List.of("secretsmanager.GetSecretValue"), List.of()));
      assertThat(report.of("other call").reached()).startsWith("failed: ");
      assertThat(report.of("other call").refused()).containsExactly("secretsmanager.DescribeSecret");
      assertThat(hits).hasValue(0);
      assertThat(credentialLookups).hasValue(0);
      // the first real use fetches the real value, and keeps it
      assertThat(source.get("k")).isEqualTo("s3cret");
      assertThat(source.get("k")).isEqualTo("s3cret");
      assertThat(hits).hasValue(1);
    } finally {
      secretsManager.stop(0);
    }
  }

  @Test
  void aWarmupThatLoopsIsStoppedAndTheOthersStillRun() {
    Priming priming = new Priming();
    priming.register("loops", () -> {
      while (true) {
        adaName(client);
      }
    });
    priming.register("after", () -> DynamoDbPriming.prime(client, table::name));

    PrimingReport report = priming.runAll();

    assertThat(report.of("loops").reached()).startsWith("failed: ");
    assertThat(report.of("loops").answered()).hasSize(PrimingRun.MAX_ANSWERS);
    assertThat(report.of("after").reached()).isEqualTo("item");
    assertThat(wire.sent()).isEmpty();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
