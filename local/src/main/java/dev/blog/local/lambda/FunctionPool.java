package dev.blog.local.lambda;

import dev.blog.local.template.FunctionDef;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private static Path jniLibrary;

  private final FunctionDef function;
  private final Map<String, String> environment;
  private final int maxInstances;
  private final Consumer<String> log;
  private final List<FunctionInstance> all = new ArrayList<>();
  private final Deque<FunctionInstance> idle = new ArrayDeque<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicLong invocations = new AtomicLong();
  private boolean closed;

  public FunctionPool(FunctionDef function, Map<String, String> environment, int maxInstances, Consumer<String> log) {
    this.function = function;
    this.environment = Map.copyOf(environment);
    this.maxInstances = maxInstances;
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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    // Lambda sizes the heap from the function's memory; the same keeps local memory use honest.
    command.add("-Xmx" + Math.max(64, function.memoryMb() * 85 / 100) + "m");
    // The runtime client would unpack its JNI library to one fixed /tmp path in every JVM; environments
    // starting at the same time then overwrite a library another one is loading (SIGBUS). Unpack it once.
    command.add("-D" + JNI_PROPERTY + "=" + runtimeJniLibrary());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(runtimeClasspath() + File.pathSeparator + function.jar());
    command.add(RIC_MAIN);
    command.add(function.handler());
    String name = function.logicalId() + "#" + started.incrementAndGet();
    return FunctionInstance.start(name, command, environment, log);
  }

  /** The runtime interface client and its libraries, which the java25 managed runtime provides in AWS. */
  private static String runtimeClasspath() {
    List<String> entries = new ArrayList<>();
    for (String className : List.of(RIC_MAIN, "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
        "com.amazonaws.services.lambda.runtime.Context")) {
      try {
        String location = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
        if (!entries.contains(location)) {
          entries.add(location);
        }
      } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
        throw new IllegalStateException("The Lambda runtime interface client is not on the local stack's class path", e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The runtime client's JNI library for this machine, unpacked once per local stack JVM. */
  private static synchronized Path runtimeJniLibrary() {
    if (jniLibrary != null) {
      return jniLibrary;
    }
    String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
    String name = "libaws-lambda-jni.linux-" + arch + ".so";
    try (InputStream in = Class.forName(RIC_MAIN).getResourceAsStream("/jni/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The runtime interface client has no " + name);
      }
      Path dir = Files.createTempDirectory("blog-local-ric");
      Path target = dir.resolve(name);
      Files.copy(in, target);
      dir.toFile().deleteOnExit();
      target.toFile().deleteOnExit();
      jniLibrary = target;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The Lambda runtime interface client is not on the local stack's class path", e);
    }
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
