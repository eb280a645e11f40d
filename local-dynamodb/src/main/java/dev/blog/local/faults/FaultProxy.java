package dev.blog.local.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The wire between the functions and one local server (moto server's DynamoDB or Secrets Manager, the SQS
 * server): an HTTP proxy on a loopback port that the functions' {@code AWS_ENDPOINT_URL_<SERVICE>} points at,
 * forwarding each request as it is. Before forwarding, it holds the request for the configured delay, then may answer in the server's place
 * with the error the real service gives when it throttles or fails (status, {@code __type}, body), so the
 * functions meet the real SDK exceptions, retries and timeouts, and no production code knows faults exist.
 * A held request is forwarded when its delay is over even if the caller gave up on it, as a slow store may
 * still apply a write nobody waits for any more.
 */
public final class FaultProxy implements AutoCloseable {
  /** Headers that belong to one hop, never forwarded (RFC 9110 §7.6.1), and those Java's client sets itself. */
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "keep-alive",
      "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

  private static final com.fasterxml.jackson.databind.ObjectMapper LOG = new com.fasterxml.jackson.databind.ObjectMapper();

  private final Service service;
  private final URI upstream;
  private final Supplier<Faults.Wire> faults;
  private final Gate gate;
  private final Consumer<String> log;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(threads).build();
  private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();

  /** A service behind the proxy: how its requests name their operation, and its error answers. */
  public enum Service {
    DYNAMODB("dynamodb", "DynamoDB_20120810."),
    SQS("sqs", "AmazonSQS."),
    SECRETS_MANAGER("secretsmanager", "secretsmanager.");

    private final String id;
    private final String targetPrefix;

    Service(String id, String targetPrefix) {
      this.id = id;
      this.targetPrefix = targetPrefix;
    }

    /** The API operation of a request ({@code PutItem}), from the AWS JSON protocol's X-Amz-Target header. */
    String operation(String target) {
      if (target == null) {
        return "";
      }
      return target.startsWith(targetPrefix) ? target.substring(targetPrefix.length()) : target;
    }
  }

  private FaultProxy(Service service, URI upstream, Supplier<Faults.Wire> faults, Gate gate, Consumer<String> log) {
    this.service = service;
    this.upstream = upstream;
    this.faults = faults;
    this.gate = gate;
    this.log = log;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A proxy on a free loopback port in front of {@code upstream}, injecting the faults that {@code faults}
   * answers at the time of each request; {@code log} hears of each injected fault.
   */
  public static FaultProxy start(Service service, URI upstream, Supplier<Faults.Wire> faults, Consumer<String> log) {
    return new FaultProxy(service, upstream, faults, Gate.OPEN, log);
  }

  /**
   * The same, with {@code gate} deciding first whether a request may pass at all (the local stack's IAM check):
   * a refused request gets the gate's answer and meets no fault, as AWS authorises a request before serving it.
   */
  public static FaultProxy start(Service service, URI upstream, Supplier<Faults.Wire> faults, Gate gate,
      Consumer<String> log) {
    return new FaultProxy(service, upstream, faults, gate, log);
  }

  /** Where the functions send their requests instead of {@code upstream}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many requests got each injected fault ({@code "throttle PutItem" -> 3}) since the proxy started. */
  public Map<String, Long> injected() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    injected.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String operation = service.operation(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      Optional<Gate.Refusal> refusal = gate.refuse(exchange.getRequestHeaders().getFirst("Authorization"), operation, body);
      if (refusal.isPresent()) {
        answer(exchange, new WireErrors.Answer(refusal.get().status(), refusal.get().headers(), refusal.get().body()));
        return;
      }
      Faults.Wire wire = faults.get();
      if (wire.covers(operation)) {
        if (wire.delayMs() > 0) {
          count("delay " + operation);
          Thread.sleep(wire.delayMs());
        }
        Optional<WireErrors.Answer> fault = draw(wire, operation, body);
        if (fault.isPresent()) {
          answer(exchange, fault.get());
          return;
        }
      }
      forward(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the caller gave up (its attempt timed out) or the server went away: nothing left to answer
    }
  }

  /** Throttled with {@code throttleRate}, else failed with {@code errorRate}, else nothing. */
  private Optional<WireErrors.Answer> draw(Faults.Wire wire, String operation, byte[] body) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (wire.throttleRate() > 0 && random.nextDouble() < wire.throttleRate()) {
      count("throttle " + operation);
      return Optional.of(WireErrors.throttled(service, operation, body));
    }
    if (wire.errorRate() > 0 && random.nextDouble() < wire.errorRate()) {
      count("error " + operation);
      return Optional.of(WireErrors.internalError(service));
    }
    return Optional.empty();
  }

  private void count(String what) {
    long n = injected.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    if (Long.bitCount(n) == 1) { // the 1st, 2nd, 4th, 8th ... of a kind: visible, never a flood
      log.accept(LOG.createObjectNode().put("source", "faults").put("message", "injected on the wire")
          .put("service", service.id).put("fault", what).put("times", n).toString());
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    URI target = URI.create(upstream.toString().replaceAll("/$", "") + exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response.headers().map().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, List.copyOf(values));
      }
    });
    send(exchange, response.statusCode(), response.body());
  }

  private static void answer(HttpExchange exchange, WireErrors.Answer answer) throws IOException {
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    send(exchange, answer.status(), answer.body());
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    client.close();
    threads.shutdownNow();
  }
}
