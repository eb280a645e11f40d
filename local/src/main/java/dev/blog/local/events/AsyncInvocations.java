package dev.blog.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.lambda.FunctionPool;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.logging.LocalJson;
import dev.blog.local.template.EventSource;
import dev.blog.local.template.LocalAccount;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation, locally (what a schedule, or {@code aws lambda invoke --invocation-type
 * Event}, gets): the event is queued and the function invoked; after a function error Lambda retries it (twice by
 * default, about one and then two minutes later; here one and two seconds), and once retries are exhausted, or the
 * event is older than MaximumEventAgeInSeconds, the invocation record goes to the function's OnFailure
 * destination, with the event as {@code requestPayload}, so nothing is dropped silently.
 * See https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
public final class AsyncInvocations implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BiConsumer<String, String> onFailure;
  private final Consumer<String> log;
  private final Duration firstRetryDelay;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "async-invocations");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param onFailure sends a record to a queue: (queue logical id, record JSON)
   * @param firstRetryDelay the wait before the first retry; the second waits twice as long
   */
  public AsyncInvocations(BiConsumer<String, String> onFailure, Duration firstRetryDelay, Consumer<String> log) {
    this.onFailure = onFailure;
    this.firstRetryDelay = firstRetryDelay;
    this.log = log;
  }

  /** Queues {@code event} for {@code function}; the future completes with the last attempt's result. */
  public CompletableFuture<InvocationResult> invoke(FunctionPool function, EventSource.AsyncInvoke config, String event) {
    CompletableFuture<InvocationResult> done = new CompletableFuture<>();
    timer.execute(() -> attempt(function, config, event, Instant.now(), 1, UUID.randomUUID().toString(), done));
    return done;
  }

  private void attempt(FunctionPool function, EventSource.AsyncInvoke config, String event, Instant queuedAt, int attempt,
      String requestId, CompletableFuture<InvocationResult> done) {
    InvocationResult result;
    try {
      result = invokeOnce(function, event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.cancel(false);
      return;
    }
    if (result.succeeded()) {
      done.complete(result);
      return;
    }
    Duration wait = firstRetryDelay.multipliedBy(1L << (attempt - 1));
    boolean retriesLeft = attempt <= config.maximumRetryAttempts();
    boolean young = Duration.between(queuedAt, Instant.now().plus(wait)).toSeconds() <= config.maximumEventAgeSeconds();
    if (retriesLeft && young) {
      log.accept(LocalJson.line(function.logicalId(), "asynchronous invocation failed; Lambda retries it", "attempt", attempt,
          "retryInMs", wait.toMillis(), "result", result.payload()));
      timer.schedule(() -> attempt(function, config, event, queuedAt, attempt + 1, requestId, done), wait.toMillis(),
          TimeUnit.MILLISECONDS);
      return;
    }
    String condition = retriesLeft ? "EventAgeExceeded" : "RetriesExhausted";
    log.accept(LocalJson.line(function.logicalId(), "asynchronous invocation given up", "attempts", attempt,
        "condition", condition, "onFailure", config.onFailureQueueId().orElse("none: the event is dropped")));
    config.onFailureQueueId().ifPresent(queue -> onFailure.accept(queue, record(function, event, requestId, attempt,
        condition, result)));
    done.complete(result);
  }

  private static InvocationResult invokeOnce(FunctionPool function, String event) throws InterruptedException {
    try {
      return function.invoke(event);
    } catch (RuntimeException e) {
      return InvocationResult.failure("Local.Error", String.valueOf(e.getMessage()), 0, 0);
    }
  }

  /** The invocation record Lambda sends to an OnFailure destination. */
  private static String record(FunctionPool function, String event, String requestId, int attempts, String condition,
      InvocationResult result) {
    ObjectNode record = JSON.createObjectNode();
    record.put("version", "1.0");
    record.put("timestamp", Instant.now().toString());
    record.putObject("requestContext").put("requestId", requestId)
        .put("functionArn", LocalAccount.functionArn(function.logicalId()) + ":$LATEST")
        .put("condition", condition).put("approximateInvokeCount", attempts);
    record.set("requestPayload", json(event));
    record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST")
        .put("functionError", "Unhandled");
    record.set("responsePayload", json(result.payload()));
    return record.toString();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
