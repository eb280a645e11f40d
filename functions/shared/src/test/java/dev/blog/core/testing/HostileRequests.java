package dev.blog.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.security.Caller;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Sends generated requests to a handler and holds it to the contract for bad input: every answer is a
 * 2xx, or a 4xx {@code application/problem+json} whose {@code status} is the HTTP status, with a request
 * id and nothing of the internals; never a 5xx. A 4xx changes nothing: every table given (the application table
 * and the outbox table, read strongly consistent) is the same after it as before. Counts what it sent, per test
 * class.
 */
public final class HostileRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

  private final DynamoDbClient dynamo;
  private final List<String> tables;
  private final Tally tally;
  /**
   * The tables as the last refused request left them, which is how the next request finds them: a refused request
   * changed nothing (checked), and nothing but the handlers under test writes between two requests. Saves a scan
   * per request after a 4xx; a write between requests from elsewhere would show as a change, never hide one.
   */
  private Map<String, Map<String, AttributeValue>> unchangedSince;

  /**
   * Requests sent on behalf of {@code owner} (whose tally {@link #report} prints) to handlers that write
   * {@code tables}.
   */
  public HostileRequests(Class<?> owner, DynamoDbClient dynamo, String... tables) {
    if (tables.length < 2) {
      throw new IllegalArgumentException("name every table the handlers write: the application and the outbox table");
    }
    this.dynamo = dynamo;
    this.tables = List.of(tables);
    this.tally = TALLIES.computeIfAbsent(owner.getName(), k -> new Tally());
  }

  private record Tally(AtomicLong inputs, AtomicLong nanos, Map<Integer, AtomicLong> statuses) {
    Tally() {
      this(new AtomicLong(), new AtomicLong(), new ConcurrentHashMap<>());
    }
  }

  /** A request on the sample event {@code events/<file>}, as {@code caller} or with no authorizer context. */
  public static Requests sample(String file, Optional<Caller> caller) {
    Requests request = Requests.from(EventLoader.loadApiGatewayHttpEvent("events/" + file));
    return caller.map(c -> request.as(c.userId(), c.role())).orElseGet(request::anonymous);
  }

  public APIGatewayV2HTTPResponse send(ApiHandler handler, APIGatewayV2HTTPEvent event) {
    return send(handler, event, item -> false);
  }

  /**
   * As {@link #send(ApiHandler, APIGatewayV2HTTPEvent)}, where a 4xx may change the items that
   * {@code mayChangeOn4xx} accepts (say, a failed login's attempt counter) and nothing else.
   */
  public APIGatewayV2HTTPResponse send(ApiHandler handler, APIGatewayV2HTTPEvent event,
      Predicate<Map<String, AttributeValue>> mayChangeOn4xx) {
    return send(handler, event, mayChangeOn4xx, response -> false);
  }

  /**
   * As {@link #send(ApiHandler, APIGatewayV2HTTPEvent, Predicate)}, where a 2xx that {@code refusedIn2xx}
   * accepts (GraphQL answers a refused request with a 200 and errors) must change nothing either.
   */
  public APIGatewayV2HTTPResponse send(ApiHandler handler, APIGatewayV2HTTPEvent event,
      Predicate<Map<String, AttributeValue>> mayChangeOn4xx, Predicate<APIGatewayV2HTTPResponse> refusedIn2xx) {
    Map<String, Map<String, AttributeValue>> before = unchangedSince != null ? unchangedSince : snapshot();
    unchangedSince = null;
    long started = System.nanoTime();
    APIGatewayV2HTTPResponse response = HandlerCalls.call(handler, event);
    tally.nanos().addAndGet(System.nanoTime() - started);
    tally.inputs().incrementAndGet();
    tally.statuses().computeIfAbsent(response.getStatusCode(), s -> new AtomicLong()).incrementAndGet();

    int status = response.getStatusCode();
    assertThat(status).as("a 2xx or a 4xx, never a %s: %s", status, response.getBody()).isBetween(200, 499);
    if (status >= 400) {
      assertIsProblem(response);
    }
    if (status >= 400 || refusedIn2xx.test(response)) {
      Map<String, Map<String, AttributeValue>> after = snapshot();
      Set<String> changed = new HashSet<>(before.keySet());
      changed.addAll(after.keySet());
      changed.removeIf(key -> java.util.Objects.equals(before.get(key), after.get(key)));
      changed.removeIf(key -> mayChangeOn4xx.test(after.getOrDefault(key, before.get(key))));
      assertThat(changed).as("a %s must change nothing: %s", status, response.getBody()).isEmpty();
      unchangedSince = after;
    }
    return response;
  }

  private static void assertIsProblem(APIGatewayV2HTTPResponse response) {
    int status = response.getStatusCode();
    assertThat(response.getHeaders()).as(response.getBody()).containsEntry("Content-Type", "application/problem+json");
    JsonNode problem;
    try {
      problem = JSON.readTree(response.getBody());
    } catch (IOException e) {
      throw new AssertionError("a " + status + " whose body is no JSON: " + response.getBody(), e);
    }
    assertThat(problem.path("status").asInt()).as(response.getBody()).isEqualTo(status);
    assertThat(problem.path("title").asText()).as(response.getBody()).isNotBlank();
    assertThat(problem.path("requestId").asText()).as(response.getBody()).isNotBlank();
    assertThat(response.getBody()).as("no internals in a problem")
        .doesNotContain("software.amazon").doesNotContain("\tat ").doesNotContain("dev.blog.");
    if (status == 400) {
      assertThat(problem.path("errors").size()).as("a 400 names the bad fields: %s", response.getBody()).isPositive();
    }
  }

  /** Every item of every table, by table and key. */
  public Map<String, Map<String, AttributeValue>> snapshot() {
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    for (String table : tables) {
      for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
        page.items().forEach(item -> items.put(table + "\n" + item.get("pk").s() + "\n" + item.get("sk").s(), item));
      }
    }
    return items;
  }

  /** One line per test class: how many generated requests ran, how long the handlers took, the statuses. */
  public static String report(Class<?> testClass) {
    Tally tally = TALLIES.getOrDefault(testClass.getName(), new Tally());
    Map<Integer, Long> statuses = new java.util.TreeMap<>();
    tally.statuses().forEach((status, count) -> statuses.put(status, count.get()));
    return String.format("property inputs: %s: %d generated requests, %.1f s in the handlers, statuses %s",
        testClass.getSimpleName(), tally.inputs().get(), tally.nanos().get() / 1e9, statuses);
  }
}
