package dev.blog.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.blog.local.template.LocalAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One execution environment: a child JVM that runs the runtime interface client, and the Lambda Runtime
 * API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) that it polls, on its own
 * loopback port. The client polls {@code /invocation/next} once its handler is initialised; that first
 * poll is the end of the cold start.
 */
final class FunctionInstance implements AutoCloseable {
  private static final String API = "/2018-06-01/runtime";
  /** Lambda allows 10 s of init; a cold JVM on a busy 2-core machine gets more room locally. */
  private static final long INIT_LIMIT_SECONDS = 60;

  private record Pending(String requestId, String event, long deadlineMs, CompletableFuture<InvocationResult> result) {}

  private final String name;
  private final HttpServer runtimeApi;
  private final SynchronousQueue<Pending> queue = new SynchronousQueue<>();
  private final CompletableFuture<Long> ready = new CompletableFuture<>();
  private final long startedAt = System.nanoTime();
  private volatile Pending current;
  private volatile String initError;
  private Process process;
  private boolean initReported;

  private FunctionInstance(String name) {
    this.name = name;
    try {
      runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    runtimeApi.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "runtime-api-" + name);
      t.setDaemon(true);
      return t;
    }));
    runtimeApi.createContext(API + "/invocation/next", this::next);
    runtimeApi.createContext(API + "/invocation/", this::result);
    runtimeApi.createContext(API + "/init/error", this::initError);
    // A SnapStart start (the AOT training runs as one): after its beforeCheckpoint hooks the runtime client asks
    // to be restored; here that is at once, in the same JVM.
    runtimeApi.createContext(API + "/restore/next", this::restored);
    runtimeApi.createContext(API + "/restore/error", this::initError);
  }

  /**
   * Starts the environment; each line of its output goes to {@code events} as it is (what CloudWatch Logs would
   * store) and to {@code log} with the environment's name in front (the stack's console).
   */
  static FunctionInstance start(String name, List<String> command, Map<String, String> environment,
      Consumer<String> events, Consumer<String> log) {
    FunctionInstance instance = new FunctionInstance(name);
    instance.runtimeApi.start();
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + instance.runtimeApi.getAddress().getPort());
    builder.redirectErrorStream(true);
    try {
      instance.process = builder.start();
    } catch (IOException e) {
      instance.runtimeApi.stop(0);
      throw new UncheckedIOException("Cannot start " + name, e);
    }
    pump(instance.process.getInputStream(), name, events, log);
    instance.process.onExit().thenRun(() -> {
      instance.ready.completeExceptionally(new IllegalStateException("exited"));
      Pending p = instance.current;
      if (p != null) {
        p.result().complete(InvocationResult.failure("Runtime.ExitError",
            "The environment exited (code " + instance.process.exitValue() + ")", 0, 0));
      }
      instance.runtimeApi.stop(0);
    });
    return instance;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  InvocationResult invoke(String event, int timeoutSeconds) throws InterruptedException {
    return invoke(event, timeoutSeconds, INIT_LIMIT_SECONDS);
  }

  InvocationResult invoke(String event, int timeoutSeconds, long initLimitSeconds) throws InterruptedException {
    long initMillis = 0;
    if (!ready.isDone()) {
      try {
        initMillis = ready.get(initLimitSeconds, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        close();
        return InvocationResult.failure("Runtime.InitError",
            initError != null ? initError : "The environment did not initialise", 0, 0);
      }
    }
    long start = System.nanoTime();
    long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
    Pending pending = new Pending(UUID.randomUUID().toString(), event, deadline, new CompletableFuture<>());
    if (!queue.offer(pending, 5, TimeUnit.SECONDS)) {
      close();
      return InvocationResult.failure("Runtime.Unavailable", "The environment is not polling for work", initMillis, 0);
    }
    try {
      InvocationResult r = pending.result().get(timeoutSeconds, TimeUnit.SECONDS);
      return new InvocationResult(r.succeeded(), r.payload(), initMillis, (System.nanoTime() - start) / 1_000_000);
    } catch (TimeoutException e) {
      // As in Lambda, a timed-out environment is discarded: the next invocation gets a fresh one.
      close();
      return InvocationResult.failure("Sandbox.Timedout", "Task timed out after " + timeoutSeconds + " seconds",
          initMillis, timeoutSeconds * 1000L);
    } catch (ExecutionException e) {
      return InvocationResult.failure("Runtime.Error", String.valueOf(e.getCause()), initMillis, 0);
    } finally {
      current = null;
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    if (!initReported) {
      initReported = true;
      ready.complete((System.nanoTime() - startedAt) / 1_000_000);
    }
    Pending pending;
    try {
      pending = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    }
    current = pending;
    byte[] body = pending.event().getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(pending.deadlineMs()));
    headers.set("Lambda-Runtime-Invoked-Function-Arn",
        LocalAccount.functionArn(name.substring(0, name.indexOf('#'))));
    headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private void result(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body = exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(202, -1);
    exchange.close();
    Pending pending = current;
    if (pending == null || !path.contains("/" + pending.requestId() + "/")) {
      return;
    }
    String payload = new String(body, StandardCharsets.UTF_8);
    pending.result().complete(new InvocationResult(path.endsWith("/response"), payload, 0, 0));
  }

  private void restored(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private void initError(HttpExchange exchange) throws IOException {
    initError = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(202, -1);
    exchange.close();
  }

  /**
   * Forwards the environment's output line by line. The runtime client writes each LambdaLogger call as one
   * record without a newline (Lambda frames records itself), so a write that ends without one is a line too.
   */
  private static void pump(InputStream output, String name, Consumer<String> events, Consumer<String> log) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      StringBuilder pending = new StringBuilder();
      try (output) {
        int n;
        while ((n = output.read(buffer)) > 0) {
          pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          int newline;
          while ((newline = pending.indexOf("\n")) >= 0) {
            emit(pending.substring(0, newline), name, events, log);
            pending.delete(0, newline + 1);
          }
          if (pending.length() > 0 && output.available() == 0) {
            emit(pending.toString(), name, events, log);
            pending.setLength(0);
          }
        }
      } catch (IOException e) {
        // the environment went away
      }
    }, "log-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void emit(String line, String name, Consumer<String> events, Consumer<String> log) {
    if (line.isBlank()) {
      return;
    }
    events.accept(line);
    if (!line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
      log.accept("[" + name + "] " + line);
    }
  }

  @Override
  public void close() {
    stop(3);
  }

  /**
   * Ends the JVM as a shutdown ends it (SIGTERM), and kills it if it takes longer than {@code seconds}. The
   * signal goes through the process handle: Process.destroy() would also close the JVM's output, and a JVM that
   * still writes as it exits (an AOT training writes its cache then) must find its output open.
   */
  void stop(long seconds) {
    if (process != null && process.isAlive()) {
      process.toHandle().destroy();
      try {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    runtimeApi.stop(0);
  }
}
