package dev.blog.local.lambda;

import dev.blog.local.template.FunctionDef;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Lambda's java25 managed runtime gives a function's JVM, for the local stack's environments and the
 * bench's: the runtime interface client's jars, its JNI library, and the JVM flags.
 *
 * <p>The flags: the serial collector and a heap of about 85% of the function's memory, as on Lambda, and the
 * default class-data archive; the JIT as the runtime sets it, C1 only for an on-demand start and full tiered
 * compilation for a function restored by SnapStart, unless the function's JAVA_TOOL_OPTIONS sets tiered
 * compilation itself (then it decides). org.crac's calls go to the runtime client's CRaC context, which runs
 * the beforeCheckpoint and afterRestore hooks of a SnapStart function.
 */
public final class LambdaRuntime {
  public static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  /** Points org.crac at the runtime client's context, where a SnapStart snapshot runs its hooks. */
  public static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";
  private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private static Path jniLibrary;

  /** How the environment starts: on demand, or restored from a SnapStart snapshot. */
  public enum Start { ON_DEMAND, SNAPSTART }

  private LambdaRuntime() {}

  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * The runtime's JVM flags for {@code function} with environment {@code env}. With {@code aotCache}, that
   * cache replaces the default class-data archive (the two cannot be combined).
   */
  public static List<String> jvmFlags(FunctionDef function, Map<String, String> env, Start start, Path aotCache) {
    List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC",
        aotCache == null ? "-Xshare:auto" : "-XX:AOTCache=" + aotCache,
        "-Xmx" + Math.max(64, function.memoryMb() * 85 / 100) + "m", CRAC_COMPAT));
    if (start == Start.ON_DEMAND && !env.getOrDefault("JAVA_TOOL_OPTIONS", "").contains("Tiered")) {
      flags.add("-XX:TieredStopAtLevel=1");
    }
    return flags;
  }

  /** The runtime interface client and its libraries, which the java25 managed runtime provides in AWS. */
  public static List<Path> classpath() {
    List<Path> entries = new ArrayList<>();
    for (String className : List.of(MAIN, "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
        "com.amazonaws.services.lambda.runtime.Context")) {
      try {
        Path location = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!entries.contains(location)) {
          entries.add(location);
        }
      } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
        throw new IllegalStateException("The Lambda runtime interface client is not on the local stack's class path", e);
      }
    }
    return List.copyOf(entries);
  }

  /** The runtime client's jars, then {@code more}, as one class path. */
  public static String classpath(List<Path> more) {
    List<String> all = new ArrayList<>();
    classpath().forEach(p -> all.add(p.toString()));
    more.forEach(p -> all.add(p.toString()));
    return String.join(File.pathSeparator, all);
  }

  /**
   * The flags that let the runtime client load its JNI library. It would unpack the library to one fixed /tmp
   * path in every JVM; environments starting at the same time then overwrite a library another one is loading
   * (SIGBUS). So it is unpacked once per local stack JVM.
   */
  public static List<String> nativeFlags() {
    return List.of("-D" + JNI_PROPERTY + "=" + jniLibrary(), "--enable-native-access=ALL-UNNAMED");
  }

  private static synchronized Path jniLibrary() {
    if (jniLibrary != null) {
      return jniLibrary;
    }
    String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
    String name = "libaws-lambda-jni.linux-" + arch + ".so";
    try (InputStream in = Class.forName(MAIN).getResourceAsStream("/jni/" + name)) {
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
}
