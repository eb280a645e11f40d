package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The login lockout through the gateway, as an attacker meets it: parallel guesses get at most 5 password checks,
 * a stranger's guesses from one address do not lock the owner out from theirs, and guesses from many addresses
 * lock the account for everyone. Other client addresses are other loopback addresses, which the local gateway
 * hands on as {@code sourceIp}.
 */
class LoginLockoutTest {
  private final Api api = LocalStackFixture.api();

  private String account() {
    String email = "lockout-" + UUID.randomUUID() + "@example.com";
    assertThat(api.register(email, "the-right-password", "Locked Out").status()).isEqualTo(201);
    return email;
  }

  private static String login(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }

  @Test
  void twentyParallelWrongGuessesGetAtMostFivePasswordChecksAndTheOwnerElsewhereStillLogsIn() {
    String email = account();
    Api attacker = api.from("127.0.0.2");
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<CompletableFuture<Api.Answer>> guesses = IntStream.range(0, 20)
          .mapToObj(i -> CompletableFuture.supplyAsync(
              () -> attacker.send("POST", "/auth/login", null, login(email, "guess-" + i)), pool)).toList();
      List<Api.Answer> answers = guesses.stream().map(CompletableFuture::join).toList();
      List<Integer> statuses = answers.stream().map(Api.Answer::status).toList();
      // A 401 is a password that was checked; a 429 one that was refused before any check.
      assertThat(statuses).containsOnly(401, 429);
      assertThat(statuses.stream().filter(s -> s == 401).count()).isLessThanOrEqualTo(5);
      assertThat(answers).filteredOn(a -> a.status() == 429)
          .allSatisfy(a -> assertThat(Integer.parseInt(a.header("Retry-After"))).isBetween(1, 900));
    } finally {
      pool.shutdownNow();
    }
    // Even the right password is refused from the attacker's address now...
    assertThat(attacker.send("POST", "/auth/login", null, login(email, "the-right-password")).status()).isEqualTo(429);
    // ...but the owner, from another address, is not locked out.
    assertThat(api.from("127.0.0.3").send("POST", "/auth/login", null, login(email, "the-right-password")).status())
        .isEqualTo(200);
  }

  @Test
  void fiftyWrongGuessesFromManyAddressesLockTheAccountForEveryone() {
    String email = account();
    for (int address = 10; address < 20; address++) {
      Api bot = api.from("127.0.1." + address);
      for (int i = 0; i < 5; i++) {
        assertThat(bot.send("POST", "/auth/login", null, login(email, "guess-" + i)).status()).isEqualTo(401);
      }
    }
    Api.Answer owner = api.from("127.0.2.1").send("POST", "/auth/login", null, login(email, "the-right-password"));
    assertThat(owner.status()).isEqualTo(429);
    assertThat(owner.header("Retry-After")).isNotNull();
  }

  @Test
  void anOverlongEmailIsA400OnEveryRouteThatTakesOneAndCountsNothing() {
    String email = "a".repeat(2_030) + "@example.com";
    assertThat(api.send("POST", "/auth/login", null, login(email, "whatever")).status()).isEqualTo(400);
    assertThat(api.send("POST", "/auth/register", null,
        "{\"email\":\"" + email + "\",\"password\":\"password-123\",\"name\":\"Long\"}").status()).isEqualTo(400);
    assertThat(api.send("POST", "/auth/password-reset", null, "{\"email\":\"" + email + "\"}").status()).isEqualTo(400);
    assertThat(api.send("POST", "/auth/verify-email", null,
        "{\"email\":\"" + email + "\",\"code\":\"x\"}").status()).isEqualTo(400);
    assertThat(api.send("POST", "/auth/password-reset/confirm", null,
        "{\"email\":\"" + email + "\",\"code\":\"x\",\"newPassword\":\"password-123\"}").status()).isEqualTo(400);
    // Counted nothing, wrote nothing: no lockout counter, reservation, code or email names the address anywhere.
    assertThat(itemsNaming("a".repeat(2_030))).isEmpty();
  }

  /** Every item of every table of the stack with a string attribute that contains {@code text}. */
  private static List<String> itemsNaming(String text) {
    var stack = LocalStackFixture.stack();
    try (var dynamo = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
        .endpointOverride(stack.dynamoEndpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
      return stack.tableNames().values().stream()
          .flatMap(table -> dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream())
          .filter(item -> item.values().stream().anyMatch(v -> v.s() != null && v.s().contains(text)))
          .map(Object::toString).toList();
    }
  }
}
