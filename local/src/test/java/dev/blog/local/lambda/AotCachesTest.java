package dev.blog.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.template.FunctionDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's AOT caches, with a jar built here: trained in the background the first time a function
 * starts without one, used by the environments started after that, and never offered for a jar that changed
 * (a new jar means a new training; the old cache is deleted). Real JVMs under the runtime interface client.
 */
class AotCachesTest {
  @TempDir
  Path dir;

  private final List<String> log = new CopyOnWriteArrayList<>();

  private Path jar(String name, String extraEntry) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      String entry = GreetingHandler.class.getName().replace('.', '/') + ".class";
      try (InputStream in = GreetingHandler.class.getClassLoader().getResourceAsStream(entry)) {
        out.putNextEntry(new JarEntry(entry));
        in.transferTo(out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(extraEntry)); // what makes two builds of the jar differ
      out.closeEntry();
    }
    return jar;
  }

  private static FunctionDef greeting(Path jar) {
    return new FunctionDef("GreetingFunction", GreetingHandler.class.getName() + "::handleRequest", jar, 256, 30, Map.of());
  }

  private AotCaches caches(FunctionDef function) {
    return new AotCaches(dir.resolve("aot"), Map.of(function.jar(), new AotCaches.Jar(List.of(function),
        Map.of("PATH", "/usr/bin:/bin", "BUILD", "one"))), true, log::add);
  }

  private List<Path> cachesOnDisk() throws IOException {
    try (var files = Files.list(dir.resolve("aot"))) {
      return files.filter(f -> f.toString().endsWith(".aot")).toList();
    }
  }

  @Test
  void aJarGetsItsCacheTrainedOnceAndItsEnvironmentsStartWithIt() throws Exception {
    FunctionDef function = greeting(jar("greeting.jar", "build-1"));
    try (AotCaches caches = caches(function)) {
      assertThat(caches.launch(function).cache()).as("nothing trained yet").isEmpty();
      caches.awaitTrainings();
      AotCaches.Launch launch = caches.launch(function);

      assertThat(launch.cache()).as(String.join("\n", log)).isPresent();
      assertThat(cachesOnDisk()).containsExactly(launch.cache().get());
      assertThat(launch.classpath().get(0)).as("a copy of the jar the cache was trained with")
          .isNotEqualTo(function.jar()).hasSameBinaryContentAs(function.jar());

      List<String> envLog = new ArrayList<>();
      try (FunctionPool pool = new FunctionPool(function, Map.of("PATH", "/usr/bin:/bin", "BUILD", "one"), caches, 1,
          line -> { }, envLog::add)) {
        InvocationResult result = pool.invoke("{\"name\":\"Ada\"}");
        assertThat(result.payload()).contains("\"hello\":\"Ada\"");
      }
      // a JVM that cannot use its cache says so (and then runs without any class-data archive)
      assertThat(envLog).noneMatch(line -> line.contains("[aot]") || line.contains("AOT cache"));
      assertThat(caches.launch(function).cache()).as("no second training").isEqualTo(launch.cache());
    }
  }

  @Test
  void aChangedJarIsNeverOfferedTheOldCacheAndGetsANewOne() throws Exception {
    FunctionDef function = greeting(jar("greeting.jar", "build-1"));
    Path first;
    try (AotCaches caches = caches(function)) {
      caches.launch(function);
      caches.awaitTrainings();
      first = caches.launch(function).cache().orElseThrow();
    }
    jar("greeting.jar", "build-2"); // rebuilt, same name, other content

    try (AotCaches caches = caches(function)) {
      assertThat(caches.launch(function).cache()).as("the old cache is stale for this jar").isEmpty();
      caches.awaitTrainings();
      Path second = caches.launch(function).cache().orElseThrow();

      assertThat(second).isNotEqualTo(first);
      assertThat(cachesOnDisk()).containsExactly(second);
    }
  }

  @Test
  void withCachesSwitchedOffEveryEnvironmentStartsFromTheJarAlone() throws Exception {
    FunctionDef function = greeting(jar("greeting.jar", "build-1"));
    try (AotCaches caches = new AotCaches(dir.resolve("aot"), Map.of(function.jar(), new AotCaches.Jar(List.of(function),
        Map.of("PATH", "/usr/bin:/bin"))), false, log::add)) {
      assertThat(caches.launch(function)).isEqualTo(new AotCaches.Launch(java.util.Optional.empty(), List.of(function.jar())));
      caches.awaitTrainings();
      assertThat(dir.resolve("aot")).doesNotExist();
    }
  }
}
