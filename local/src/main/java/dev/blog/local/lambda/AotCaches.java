package dev.blog.local.lambda;

import dev.blog.local.lambda.training.RuntimeClient;
import dev.blog.local.lambda.training.TrainingHandler;
import dev.blog.local.template.FunctionDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * One AOT cache (JEP 483/514/515) per function jar and JDK, so that the local stack's cold starts load and
 * link the SDK, Jackson and the functions' own classes from a cache instead of the jar: about half the time.
 *
 * <p>A cache is trained by a run of its own, in the background, the first time a function of the jar starts
 * without one: a SnapStart-style start of the jar's every handler through the runtime interface client
 * ({@link TrainingHandler}), which runs their priming (every route's request path, answered at the socket:
 * nothing is sent, read or written) and the runtime client's serializers. The JVM writes the cache when that
 * run exits.
 *
 * <p>A JVM given a cache that does not match its class path or its JDK ignores it with a warning, and then
 * does not even use the JDK's default class-data archive. So a cache is never offered stale: it is named by a
 * key of the JDK (java.vm.version and its home), the function jar's content and the runtime client's jars,
 * and environments run from a copy of the jar kept beside it (the JVM also checks the jar's time stamp, which
 * every build renews even when nothing changed). A new jar or JDK means a new key, a new training, and the
 * old cache deleted. Caches live under target/aot/ and never in a deployable jar.
 */
public final class AotCaches implements AutoCloseable {
  /** Set to {@code off} to start every environment without a cache. */
  public static final String SWITCH = "BLOG_AOT_CACHE";
  private static final FileTime STABLE_TIME = FileTime.fromMillis(0);
  private static final long TRAINING_LIMIT_SECONDS = 300;

  /** What an environment of a function starts from: its jar, the cache if there is one, the class path. */
  public record Launch(Optional<Path> cache, List<Path> classpath) {}

  /** The functions of one jar, whose handlers a training constructs, and the environment they run with. */
  public record Jar(List<FunctionDef> functions, Map<String, String> environment) {}

  private final Path dir;
  private final Map<Path, Jar> jars;
  private final boolean enabled;
  private final Consumer<String> log;
  private final Map<Path, Future<?>> trainings = new ConcurrentHashMap<>();
  /** Content hashes by file, size and time stamp: a jar is hashed again only when it changed. */
  private final Map<Path, Hashed> hashes = new ConcurrentHashMap<>();
  private final ExecutorService trainer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "aot-training");
    t.setDaemon(true);
    return t;
  });
  private volatile AotTraining training;

  public AotCaches(Path dir, Map<Path, Jar> jars, boolean enabled, Consumer<String> log) {
    this.dir = dir;
    this.jars = Map.copyOf(jars);
    this.enabled = enabled;
    this.log = log;
  }

  /** Whether caches are used: unless {@value #SWITCH} is {@code off}. */
  public static boolean enabledByEnvironment() {
    return !"off".equalsIgnoreCase(System.getenv(SWITCH));
  }

  /**
   * How to start an environment of {@code function}: with its jar's cache when a valid one exists, otherwise
   * without one (and its training is started in the background, if it is not running already).
   */
  public Launch launch(FunctionDef function) {
    if (!enabled || !jars.containsKey(function.jar())) {
      return new Launch(Optional.empty(), List.of(function.jar()));
    }
    Key key = key(function.jar());
    if (Files.isRegularFile(key.cache())) {
      return new Launch(Optional.of(key.cache()), List.of(key.jarCopy(), trainerJar()));
    }
    train(function.jar());
    return new Launch(Optional.empty(), List.of(function.jar()));
  }

  /** Starts the training of every jar that has no valid cache, one after the other, in the background. */
  public void trainMissing() {
    if (enabled) {
      jars.keySet().forEach(jar -> {
        if (!Files.isRegularFile(key(jar).cache())) {
          train(jar);
        }
      });
    }
  }

  /** Waits for the trainings started so far (./dev invoke, before it exits). */
  public void awaitTrainings() throws InterruptedException {
    for (Future<?> running : List.copyOf(trainings.values())) {
      try {
        running.get(TRAINING_LIMIT_SECONDS + 60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // reported by the training itself
      }
    }
  }

  private void train(Path jar) {
    trainings.computeIfAbsent(jar, j -> trainer.submit(() -> {
      try {
        trainNow(j);
      } catch (RuntimeException | IOException e) {
        log.accept("[aot] no cache for " + j.getFileName() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        trainings.remove(j);
      }
    }));
  }

  private void trainNow(Path jar) throws IOException, InterruptedException {
    Key key = key(jar);
    if (Files.isRegularFile(key.cache())) {
      return;
    }
    Files.createDirectories(dir);
    if (!Files.isRegularFile(key.jarCopy())) {
      Path copy = Files.createTempFile(dir, "jar", ".tmp");
      Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(copy, STABLE_TIME);
      Files.move(copy, key.jarCopy(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    Jar what = jars.get(jar);
    // unique to this JVM: a ./dev invoke may train the same jar as the ./dev start beside it
    Path output = dir.resolve(key.cache().getFileName() + ".training-" + ProcessHandle.current().pid());
    long began = System.nanoTime();
    log.accept("[aot] training the AOT cache of " + jar.getFileName() + " (once per build of it, in the background)");
    AotTraining run = new AotTraining(what.functions(), what.environment(), List.of(key.jarCopy(), trainerJar()),
        dir.resolve(base(jar) + ".training.log"));
    training = run;
    try {
      run.record(output, TRAINING_LIMIT_SECONDS);
    } finally {
      training = null;
    }
    Files.move(output, key.cache(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    deleteOthers(jar, key);
    log.accept(String.format(java.util.Locale.ROOT, "[aot] %s: cache trained in %.0f s (%.0f MB, handlers: %d)",
        jar.getFileName(), (System.nanoTime() - began) / 1e9, Files.size(key.cache()) / 1e6, what.functions().size()));
  }

  private void deleteOthers(Path jar, Key current) throws IOException {
    String prefix = base(jar) + "-";
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(prefix) && !file.equals(current.cache()) && !file.equals(current.jarCopy())
            && (name.endsWith(".aot") || name.endsWith(".jar"))) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** Where a jar's cache and the copy it was trained with live, by content: a different key is a different file. */
  private record Key(Path cache, Path jarCopy) {}

  private Key key(Path jar) {
    String jarHash = hash(jar);
    MessageDigest digest = digest();
    update(digest, System.getProperty("java.vm.version"));
    update(digest, System.getProperty("java.home"));
    update(digest, jarHash);
    for (Path runtimeJar : LambdaRuntime.classpath()) {
      update(digest, hash(runtimeJar));
    }
    update(digest, hash(trainerJar()));
    String key = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    return new Key(dir.resolve(base(jar) + "-" + key + ".aot"), dir.resolve(base(jar) + "-" + jarHash.substring(0, 16) + ".jar"));
  }

  /**
   * The training handler in a jar of its own, on the class path of the training run and of every environment
   * that uses a cache (a cache accepts the class path it was trained with, and no directory). Written once,
   * with fixed time stamps, so that the same classes make the same jar.
   */
  private synchronized Path trainerJar() {
    Path jar = dir.resolve("aot-training.jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "aot-training", ".tmp");
      try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
        for (Class<?> type : List.of(TrainingHandler.class, RuntimeClient.class)) {
          String entry = type.getName().replace('.', '/') + ".class";
          try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            JarEntry jarEntry = new JarEntry(entry);
            jarEntry.setLastModifiedTime(STABLE_TIME);
            out.putNextEntry(jarEntry);
            in.transferTo(out);
            out.closeEntry();
          }
        }
      }
      Files.setLastModifiedTime(tmp, STABLE_TIME);
      Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String base(Path jar) {
    String name = jar.getFileName().toString();
    return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
  }

  private record Hashed(long size, FileTime modified, String sha256) {}

  private String hash(Path file) {
    try {
      long size = Files.size(file);
      FileTime modified = Files.getLastModifiedTime(file);
      Hashed known = hashes.get(file);
      if (known != null && known.size() == size && known.modified().equals(modified)) {
        return known.sha256();
      }
      String sha256 = sha256(file);
      hashes.put(file, new Hashed(size, modified, sha256));
      return sha256;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) {
    MessageDigest digest = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest digest, String value) {
    digest.update(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /** Stops the trainings: one still running is killed, and leaves no cache. */
  @Override
  public void close() {
    trainer.shutdownNow();
    AotTraining running = training;
    if (running != null) {
      running.kill();
    }
  }
}
