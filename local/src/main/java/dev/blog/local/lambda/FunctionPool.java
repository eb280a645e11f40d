package dev.blog.local.lambda;

import dev.blog.local.template.FunctionDef;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The execution environments of one function, as Lambda keeps them: each is a JVM running the
 * function's deployable jar under the AWS Lambda runtime interface client, and handles one invocation at
 * a time. An invocation goes to an idle environment, or starts a new one (a cold start) while fewer than
 * {@code maxInstances} exist, or waits for one to be free.
 */
public final class FunctionPool implements AutoCloseable {
  private final FunctionDef function;
  private final Map<String, String> environment;
  private final AotCaches aot;
  private final int maxInstances;
  private final Consumer<String> log;
  private final Consumer<String> events;
  private final List<FunctionInstance> all = new ArrayList<>();
  private final Deque<FunctionInstance> idle = new ArrayDeque<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicLong invocations = new AtomicLong();
  private boolean closed;

  public FunctionPool(FunctionDef function, Map<String, String> environment, int maxInstances, Consumer<String> log) {
    this(function, environment, null, maxInstances, line -> { }, log);
  }

  /**
   * With {@code aot}, environments start with their jar's AOT cache once it is trained; each line an environment
   * writes goes to {@code events} (the function's log group) as it is, and to {@code log} with its name in front.
   */
  public FunctionPool(FunctionDef function, Map<String, String> environment, AotCaches aot, int maxInstances,
      Consumer<String> events, Consumer<String> log) {
    this.function = function;
    this.aot = aot;
    this.environment = Map.copyOf(environment);
    this.maxInstances = maxInstances;
    this.events = events;
    this.log = log;
  }

  /** How many times the function was invoked (what CloudWatch's Invocations metric counts). */
  public long invocations() {
    return invocations.get();
  }

  public String logicalId() {
    return function.logicalId();
  }

  public FunctionDef function() {
    return function;
  }

  /** Runs the function on one event (JSON) and returns its result. */
  public InvocationResult invoke(String event) throws InterruptedException {
    invocations.incrementAndGet();
    FunctionInstance instance = acquire();
    try {
      return instance.invoke(event, function.timeoutSeconds());
    } finally {
      release(instance);
    }
  }

  private synchronized FunctionInstance acquire() throws InterruptedException {
    while (true) {
      if (closed) {
        throw new IllegalStateException("The local stack is stopping");
      }
      all.removeIf(i -> !i.isAlive());
      idle.removeIf(i -> !i.isAlive());
      if (!idle.isEmpty()) {
        return idle.pop();
      }
      if (all.size() < maxInstances) {
        FunctionInstance instance = start();
        all.add(instance);
        return instance;
      }
      wait();
    }
  }

  private synchronized void release(FunctionInstance instance) {
    if (instance.isAlive() && !closed) {
      idle.push(instance);
    } else {
      all.remove(instance);
    }
    notifyAll();
  }

  private FunctionInstance start() {
    if (!Files.isRegularFile(function.jar())) {
      throw new IllegalStateException(function.logicalId() + ": " + function.jar()
          + " does not exist; build it with `mvn -q package -DskipTests` (./dev does this on its first run)");
    }
    AotCaches.Launch launch = aot == null ? new AotCaches.Launch(java.util.Optional.empty(), List.of(function.jar()))
        : aot.launch(function);
    List<String> command = new ArrayList<>();
    command.add(LambdaRuntime.java().toString());
    command.addAll(LambdaRuntime.jvmFlags(function, environment, LambdaRuntime.Start.ON_DEMAND, launch.cache().orElse(null)));
    command.addAll(LambdaRuntime.nativeFlags());
    command.add("-cp");
    command.add(LambdaRuntime.classpath(launch.classpath()));
    command.add(LambdaRuntime.MAIN);
    command.add(function.handler());
    String name = function.logicalId() + "#" + started.incrementAndGet();
    return FunctionInstance.start(name, command, environment, events, log);
  }

  @Override
  public synchronized void close() {
    closed = true;
    all.forEach(FunctionInstance::close);
    all.clear();
    idle.clear();
    notifyAll();
  }
}
