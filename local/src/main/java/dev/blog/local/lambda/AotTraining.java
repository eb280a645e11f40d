package dev.blog.local.lambda;

import dev.blog.local.lambda.training.TrainingHandler;
import dev.blog.local.template.FunctionDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One AOT cache's training run: an environment of the jar's functions under the runtime interface client, as
 * the local stack starts them but started as a SnapStart one, with {@link TrainingHandler} as its handler and
 * {@code -XX:AOTCacheOutput}. Its output goes to a log file of its own, read after a failure.
 */
final class AotTraining {
  private final List<FunctionDef> functions;
  private final Map<String, String> environment;
  private final List<Path> classpath;
  private final Path log;
  private volatile FunctionInstance instance;

  AotTraining(List<FunctionDef> functions, Map<String, String> environment, List<Path> classpath, Path log) {
    this.functions = functions;
    this.environment = environment;
    this.classpath = classpath;
    this.log = log;
  }

  /** Runs the training and leaves a cache at {@code output} that a JVM of these functions can use, or throws. */
  void record(Path output, long limitSeconds) throws IOException, InterruptedException {
    Files.deleteIfExists(output);
    Files.deleteIfExists(log);
    FunctionDef first = functions.get(0);
    List<String> command = new ArrayList<>(niceIfAvailable());
    command.add(LambdaRuntime.java().toString());
    List<String> flags = new ArrayList<>(LambdaRuntime.jvmFlags(first, environment, LambdaRuntime.Start.ON_DEMAND, null));
    flags.remove("-Xshare:auto"); // the training run records a cache instead
    flags.add("-XX:AOTCacheOutput=" + output);
    command.addAll(flags);
    command.addAll(LambdaRuntime.nativeFlags());
    command.addAll(List.of("-cp", LambdaRuntime.classpath(classpath), LambdaRuntime.MAIN, TrainingHandler.class.getName()));
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    env.put(TrainingHandler.HANDLERS, String.join(",", functions.stream().map(FunctionDef::handler).toList()));
    instance = FunctionInstance.start("aot-training#1", command, env, line -> { }, this::append);
    try {
      InvocationResult result = instance.invoke("{}", (int) limitSeconds, limitSeconds);
      if (!result.succeeded()) {
        throw new IllegalStateException("the training run failed: " + result.payload() + " (see " + log + ")");
      }
    } finally {
      instance.stop(limitSeconds); // the JVM writes the cache as it exits
    }
    if (!Files.isRegularFile(output) || !usable(output)) {
      Files.deleteIfExists(output);
      throw new IllegalStateException("the training run wrote no usable cache (see " + log + ")");
    }
  }

  /** Ends a training that is still running; it leaves no cache. */
  void kill() {
    FunctionInstance running = instance;
    if (running != null) {
      running.close();
    }
  }

  /**
   * A JVM that must use the cache (-XX:AOTMode=on) starts with it: same JDK, same class path, same flags and
   * module options. (One that may ignore it would say so only in a warning, and run without any archive.)
   */
  private boolean usable(Path cache) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LambdaRuntime.java().toString()));
    command.addAll(LambdaRuntime.jvmFlags(functions.get(0), environment, LambdaRuntime.Start.ON_DEMAND, cache));
    command.addAll(LambdaRuntime.nativeFlags()); // module options too must be the training's
    command.addAll(List.of("-XX:AOTMode=on", "-cp", LambdaRuntime.classpath(classpath), "-version"));
    ProcessBuilder check = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    check.environment().clear();
    check.environment().put("PATH", environment.getOrDefault("PATH", "/usr/bin:/bin"));
    if (environment.containsKey("JAVA_TOOL_OPTIONS")) {
      check.environment().put("JAVA_TOOL_OPTIONS", environment.get("JAVA_TOOL_OPTIONS"));
    }
    Process process = check.start();
    return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  private void append(String line) {
    try {
      Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the training's log is for reading after a failure; losing a line of it breaks nothing
    }
  }

  /** {@code nice}, when the machine has it: a training must not slow the requests the stack is serving. */
  private static List<String> niceIfAvailable() {
    for (String candidate : List.of("/usr/bin/nice", "/bin/nice")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return List.of(candidate, "-n", "10");
      }
    }
    return List.of();
  }
}
