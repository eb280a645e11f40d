package dev.blog.local;

import dev.blog.local.lambda.AotCaches;
import dev.blog.local.lambda.FunctionPool;
import dev.blog.local.lambda.LambdaEnvironment;
import dev.blog.local.logging.CloudWatchLogs;
import dev.blog.local.services.LocalServers;
import dev.blog.local.template.FunctionDef;
import dev.blog.local.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The template's functions over a set of local servers: one pool of execution environments per function,
 * each with the environment Lambda and the template give it, pointed at those servers.
 */
final class LocalFunctions implements AutoCloseable {
  private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
  private final AotCaches aot;

  private final CloudWatchLogs logs;

  /** {@code logs}: where each function's log events go, as CloudWatch Logs would keep them. */
  LocalFunctions(Template template, LocalServers servers, int maxInstancesPerFunction, CloudWatchLogs logs,
      Consumer<String> log) {
    this.logs = logs;
    Map<Path, List<FunctionDef>> byJar = new LinkedHashMap<>();
    for (String id : template.functionIds()) {
      FunctionDef def = template.function(id);
      environments.put(id, environment(def, servers));
      byJar.computeIfAbsent(def.jar(), jar -> new ArrayList<>()).add(def);
    }
    // One AOT cache per jar: its training constructs every handler of the jar, with all their settings.
    Map<Path, AotCaches.Jar> jars = new LinkedHashMap<>();
    byJar.forEach((jar, defs) -> {
      Map<String, String> env = new TreeMap<>();
      defs.forEach(def -> environments.get(def.logicalId()).forEach(env::putIfAbsent));
      jars.put(jar, new AotCaches.Jar(defs, env));
    });
    this.aot = new AotCaches(template.projectDir().resolve("target").resolve("aot"), jars,
        AotCaches.enabledByEnvironment(), log);
    for (String id : template.functionIds()) {
      pools.put(id, new FunctionPool(template.function(id), environments.get(id), aot, maxInstancesPerFunction,
          line -> logs.put(id, line), log));
    }
  }

  /** Trains, in the background, the AOT cache of every jar that has none for this JDK and build. */
  void trainAotCaches() {
    aot.trainMissing();
  }

  /** Waits for the AOT trainings that have started (so that a short-lived JVM leaves its cache behind). */
  void awaitAotTrainings() throws InterruptedException {
    aot.awaitTrainings();
  }

  /** Every function's pool, by logical id, in template order. */
  Map<String, FunctionPool> all() {
    return pools;
  }

  FunctionPool get(String logicalId) {
    FunctionPool pool = pools.get(logicalId);
    if (pool == null) {
      throw new IllegalArgumentException("No function " + logicalId + " in template.yaml; functions: " + pools.keySet());
    }
    return pool;
  }

  /** The environment a function runs with. */
  Map<String, String> environment(String logicalId) {
    get(logicalId);
    return environments.get(logicalId);
  }

  private static Map<String, String> environment(FunctionDef def, LocalServers servers) {
    Map<String, String> env = LambdaEnvironment.of(def, servers.sdkEndpoints(), servers.names());
    // Local overrides, as `sam local invoke --env-vars` would give them: email goes to the SMTP catcher,
    // and retries back off from 1 s instead of 10 s and at most 30 s instead of an hour (1 s, 8 s, 30 s, 30 s: an
    // outage of over a minute dead-letters nothing), so an outage and its recovery show within a minute or two.
    if (env.containsKey("EMAIL_TRANSPORT")) {
      env.put("EMAIL_TRANSPORT", "smtp");
      env.put("SMTP_HOST", "127.0.0.1");
      env.put("SMTP_PORT", String.valueOf(servers.smtpPortFor(def.logicalId())));
    }
    if (env.containsKey("RETRY_BASE_DELAY_SECONDS")) {
      env.put("RETRY_BASE_DELAY_SECONDS", "1");
    }
    if (env.containsKey("RETRY_MAX_DELAY_SECONDS")) {
      env.put("RETRY_MAX_DELAY_SECONDS", "30");
    }
    return env;
  }

  @Override
  public void close() {
    aot.close();
    pools.values().forEach(FunctionPool::close);
  }
}
