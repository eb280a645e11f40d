package dev.blog.bench;

import dev.blog.local.lambda.LambdaRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts one bench JVM the way Lambda starts an execution environment (the java25 runtime's flags from
 * LambdaRuntime, one CPU) and reads what it reports. The clock runs from just before the spawn to the moment
 * its first response line arrives, so it includes everything a caller waits for: fork/exec, JVM boot, class
 * loading, init, the event's parsing, the first invocation and the answer's serialization.
 */
final class BenchChild {
  private static final Path JAVA = LambdaRuntime.java();

  /**
   * What one JVM reported.
   *
   * @param coldNanos spawn to first response, measured here
   * @param constructedAtMillis wall clock when the handler was constructed (0 for the floor)
   * @param firstInvokeNanos the first handleRequest, measured in the child
   * @param parseNanos the first event's parsing by the runtime client's serializer, measured in the child
   * @param hooksNanos the beforeCheckpoint and afterRestore hooks (0 without them)
   * @param status the first response's status
   * @param warmStatuses the warm responses' statuses with counts ("200x1000"), or empty
   * @param warmNanos each warm handleRequest, or empty
   * @param storeNanos each GetItem of the store probe, alternating with the warm calls, or empty
   */
  record Report(long coldNanos, long spawnMillis, long constructedAtMillis, long firstInvokeNanos, long parseNanos,
      long hooksNanos, String status, String warmStatuses, long[] warmNanos, long[] storeNanos) {
    double initMillis() {
      return constructedAtMillis - spawnMillis;
    }
  }

  private BenchChild() {}

  /** {@code taskset -c 0} when the machine has taskset: Lambda's small functions get about one vCPU. */
  static List<String> pinnedToOneCpu() {
    return taskset().map(t -> List.of(t.toString(), "-c", "0")).orElse(List.of());
  }

  static java.util.Optional<Path> taskset() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, "taskset");
      if (Files.isExecutable(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Runs {@code java <flags> -cp <classpath> <main> <args>} where {@code args} may hold the placeholder
   * {@link #SPAWN_MILLIS}, replaced with the wall clock of the spawn. Waits for the JVM to exit (or kills
   * it after {@code limitSeconds}). The report's first line is the first stdout line starting with
   * {@code firstLinePrefix}.
   */
  static Report run(List<String> jvmFlags, String classpath, String mainClass, List<String> args, Map<String, String> env,
      Path stderrLog, String firstLinePrefix, long limitSeconds) {
    List<String> command = new ArrayList<>(pinnedToOneCpu());
    command.add(JAVA.toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", classpath, mainClass));
    int argsAt = command.size();
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);

    long spawnMillis = System.currentTimeMillis();
    for (int i = argsAt; i < command.size(); i++) {
      if (command.get(i).equals(SPAWN_MILLIS)) {
        command.set(i, Long.toString(spawnMillis));
      }
    }
    long spawned = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
    // A child that hangs is killed, which ends its stdout and so the loop below.
    CompletableFuture.runAsync(process::destroyForcibly, CompletableFuture.delayedExecutor(limitSeconds, TimeUnit.SECONDS));
    long coldNanos = -1;
    long constructedAt = 0;
    long firstInvoke = 0;
    long parse = 0;
    long hooks = 0;
    String status = "";
    String warmStatuses = "";
    long[] warm = new long[0];
    long[] store = new long[0];
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (coldNanos < 0 && line.startsWith(firstLinePrefix)) {
          coldNanos = System.nanoTime() - spawned;
        }
        String[] parts = line.split(" ");
        if (line.startsWith("@bench first ")) {
          constructedAt = Long.parseLong(parts[2]);
          firstInvoke = Long.parseLong(parts[3]);
          parse = Long.parseLong(parts[4]);
          hooks = Long.parseLong(parts[5]);
        } else if (line.startsWith("@bench status ")) {
          status = parts[2];
        } else if (line.startsWith("@bench warm ")) {
          warmStatuses = parts[2];
          warm = Arrays.stream(parts[3].split(",")).mapToLong(Long::parseLong).toArray();
          store = Arrays.stream(parts[4].split(",")).mapToLong(Long::parseLong).toArray();
        }
      }
      process.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    }
    if (coldNanos < 0) {
      throw new IllegalStateException("The JVM gave no response (exit " + process.exitValue() + "); see " + stderrLog);
    }
    if (process.exitValue() != 0 && status.isEmpty()) {
      throw new IllegalStateException("The JVM exited with " + process.exitValue() + "; see " + stderrLog);
    }
    return new Report(coldNanos, spawnMillis, constructedAt, firstInvoke, parse, hooks, status, warmStatuses, warm, store);
  }

  /** Stands for the spawn's wall clock in the child's arguments. */
  static final String SPAWN_MILLIS = "<spawn-millis>";

  /**
   * How many classes the JVM loaded before it answered: the lines of its -Xlog:class+load file before the
   * harness's marker class (dev.blog.bench.harness.FirstResponse), after the line of {@code fromMarker} if given.
   */
  static int classesBetweenMarkers(Path classLoadLog, String fromMarker) {
    try (var lines = Files.lines(classLoadLog)) {
      int count = 0;
      boolean counting = fromMarker == null;
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.contains(" dev.blog.bench.harness.FirstResponse ")) {
          return count;
        }
        if (counting) {
          count++;
        } else if (line.contains(" " + fromMarker + " ")) {
          counting = true;
        }
      }
      throw new IllegalStateException("No first response in " + classLoadLog);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
