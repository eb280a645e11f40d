package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.local.LocalStack;
import dev.blog.local.faults.Faults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store throttled, failing and hanging, injected on the wire between the functions and moto server
 * ({@code /_local/faults}): the functions meet DynamoDB's real error answers through the real SDK, and answer the
 * contract's 503 with Retry-After (GraphQL: SERVICE_UNAVAILABLE) before their 10-second timeout; a change answered
 * 2xx is there once the store is back, one answered 503 is there wholly or not at all. How long each 503 took is
 * written to target/fault-figures.txt.
 */
class StoreFaultsThroughTheGatewayTest {
  /** template.yaml's Globals Timeout: what each HTTP function has. */
  private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(10);

  private final Api api = LocalStackFixture.api();
  private final LocalStack stack = LocalStackFixture.stack();
  private String admin;
  private String user;
  private String userId;
  private String postId;

  @BeforeEach
  void accountsAndWarmFunctions() {
    admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    user = api.newAccount("user", admin);
    // Every function these tests call has started: a 503's time is the function's answer, not a cold start.
    Api.Answer me = api.get("/me", user);
    assertThat(me.status()).isEqualTo(200);
    userId = me.json().get("id").asText();
    assertThat(graphql(user, "{ me { id } }").at("/data/me/id").isTextual()).isTrue();
    Api.Answer post = api.send("POST", "/posts", user, "{\"title\":\"Warm\",\"content\":\"c\"}");
    assertThat(post.status()).isEqualTo(201);
    postId = post.json().get("id").asText();
    assertThat(api.send("PUT", "/posts/" + postId, user, "{\"title\":\"Warm too\"}").status()).isEqualTo(200);
    assertThat(api.send("PUT", "/users/" + userId, user, "{\"name\":\"Plain User\"}").status()).isEqualTo(200);
  }

  @AfterEach
  void storeBack() {
    stack.faults(Faults.NONE);
  }

  private JsonNode graphql(String token, String query) {
    Api.Answer answer = api.send("POST", "/graphql", token, Api.JSON.createObjectNode().put("query", query).toString());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** Sends the request with the faults in force; asserts the contract's 503 came in time; answers how long it took. */
  private long unavailable(String fault, String method, String path, String body) {
    stack.faults(Faults.parse(fault));
    long start = System.nanoTime();
    Api.Answer answer = api.send(method, path, user, body);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
    assertThat(answer.body()).doesNotContain("Exception", "dynamodb", "DynamoDB");
    assertThat(Duration.ofMillis(millis)).as("answered before the function's timeout").isLessThan(FUNCTION_TIMEOUT);
    figure(fault + " " + method + " " + path, millis);
    return millis;
  }

  @Test
  void aThrottledStoreIsA503WithRetryAfterWellBeforeTheTimeoutOverRestAndGraphQl() {
    unavailable("{\"dynamodb\":{\"throttleRate\":1}}", "GET", "/me", null);
    unavailable("{\"dynamodb\":{\"throttleRate\":1}}", "POST", "/posts", "{\"title\":\"t\",\"content\":\"c\"}");
    long start = System.nanoTime();
    JsonNode answer = graphql(user, "{ me { id } }");
    figure("{\"dynamodb\":{\"throttleRate\":1}} POST /graphql", (System.nanoTime() - start) / 1_000_000);
    assertThat(answer.at("/errors/0/extensions/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
  }

  @Test
  void aFailingStoreIsA503() {
    unavailable("{\"dynamodb\":{\"errorRate\":1}}", "GET", "/me", null);
    unavailable("{\"dynamodb\":{\"errorRate\":1}}", "PUT", "/users/" + userId, "{\"name\":\"Renamed\"}");
  }

  @Test
  void aHangingStoreIsA503BeforeTheFunctionTimesOutNotTheGatewaysError() {
    unavailable("{\"dynamodb\":{\"delayMs\":60000}}", "GET", "/me", null);
    stack.faults(Faults.parse("{\"dynamodb\":{\"delayMs\":60000}}"));
    JsonNode answer = graphql(user, "{ me { id } }");
    assertThat(answer.at("/errors/0/extensions/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
  }

  @Test
  void aChangeRefusedWithA503IsNotHalfMade() {
    JsonNode before = api.get("/posts/" + postId, user).json();
    unavailable("{\"dynamodb\":{\"throttleRate\":1}}", "PUT", "/posts/" + postId, "{\"title\":\"After\"}");
    stack.faults(Faults.NONE);
    JsonNode stored = api.get("/posts/" + postId, user).json();
    assertThat(stored.get("title").asText()).isEqualTo(before.get("title").asText());
    assertThat(stored.get("version").asInt()).isEqualTo(before.get("version").asInt());
  }

  @Test
  void registrationsOnAFlakyStoreAreEachWhollyThereOrNotAtAllAndEvery201IsDurable() {
    long usersBefore = api.get("/users?limit=1", admin).json().at("/pagination/total").asLong();
    // Each attempt fails with p = 0.65; a call (3 attempts) with p = 0.27, so nearly every batch of 12 sees both.
    stack.faults(Faults.parse("{\"dynamodb\":{\"throttleRate\":0.5,\"errorRate\":0.3}}"));
    Map<String, Integer> answered = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      String email = "flaky-" + UUID.randomUUID() + "@example.com";
      answered.put(email, api.register(email, "correct horse", "Flaky " + i).status());
    }
    stack.faults(Faults.NONE);
    assertThat(answered.values()).allMatch(status -> status == 201 || status == 503);
    assertThat(answered.values()).as("the faults reached the functions").contains(503);
    List<String> stored = new ArrayList<>();
    answered.forEach((email, status) -> {
      int login = api.send("POST", "/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}")
          .status();
      if (status == 201) {
        assertThat(login).as(email + " got 201: it must be there").isEqualTo(200);
      }
      if (login == 200) {
        stored.add(email);
        // Wholly there: the reservation holds the address (a second sign-up is a conflict, not a second user).
        assertThat(api.register(email, "correct horse", "Again").status()).isEqualTo(409);
      } else {
        // Not there at all: the address is free again.
        assertThat(api.register(email, "correct horse", "Again").status()).as(email).isEqualTo(201);
      }
    });
    // Each address is now one user (stored under faults, or registered again after), listed and counted once.
    JsonNode page = api.get("/users?limit=100&emailContains=flaky-", admin).json();
    assertThat(page.get("data")).hasSize(answered.size());
    assertThat(api.get("/users?limit=1", admin).json().at("/pagination/total").asLong())
        .isEqualTo(usersBefore + answered.size());
    figure("registrations under throttleRate 0.5 + errorRate 0.3: 201", answered.values().stream().filter(s -> s == 201).count());
  }

  /** One measured figure, for the closing note: target/fault-figures.txt. */
  private static void figure(String what, long value) {
    try {
      Files.writeString(Path.of("target", "fault-figures.txt"), what + ": " + value + System.lineSeparator(),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // a figure is for reading; it never fails a test
    }
  }
}
