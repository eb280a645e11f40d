package dev.blog.bench.harness;

import java.lang.reflect.Method;

/**
 * SnapStart's runtime hooks, run as the runtime interface client runs them when it takes a snapshot
 * (AWSLambda.onInitComplete): beforeCheckpoint on its global context, which calls every resource the
 * function registered through org.crac (the JVM runs with -Dorg.crac.Core.Compat pointing org.crac at the
 * runtime client's context, as in Lambda), then afterRestore. The snapshot itself is the same JVM here.
 */
final class Hooks {
  private static final String CORE = "com.amazonaws.services.lambda.crac.Core";
  private static final String CONTEXT = "com.amazonaws.services.lambda.crac.Context";
  private static final String JNI = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper";

  private Hooks() {}

  /**
   * Loads the runtime client's JNI library, as the runtime does at start-up, before it loads the handler
   * (its CRaC context calls into it). The JVM names the library with the runtime client's JNI property.
   */
  static void loadRuntimeLibrary() throws ReflectiveOperationException {
    Class.forName(JNI).getMethod("load").invoke(null);
  }

  static void checkpointAndRestore() throws ReflectiveOperationException {
    Object global = Class.forName(CORE).getMethod("getGlobalContext").invoke(null);
    Class<?> context = Class.forName(CONTEXT);
    Method before = context.getMethod("beforeCheckpoint", context);
    Method after = context.getMethod("afterRestore", context);
    before.invoke(global, new Object[] {null});
    after.invoke(global, new Object[] {null});
  }
}
