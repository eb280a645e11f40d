package dev.blog.local.dynamodb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * DynamoDB Local stores its tables with sqlite4java, whose JNI library is published as a separate Maven
 * artifact ({@code libsqlite4java-linux-amd64-<version>.so}) and is looked up under its plain name in
 * {@code sqlite4java.library.path}. This finds the artifact (on the class path, where Maven and Surefire put
 * it, or in the local Maven repository) and copies it to that folder under the name sqlite4java expects.
 */
final class SqliteNative {
  private static final String ARTIFACT = "libsqlite4java-linux-amd64";

  private SqliteNative() {}

  static synchronized void install(Path fallbackDir) {
    String configured = System.getProperty("sqlite4java.library.path");
    Path dir = configured == null || configured.isBlank() ? fallbackDir : Path.of(configured);
    Path target = dir.resolve(ARTIFACT + ".so");
    if (!Files.isRegularFile(target)) {
      Path source = findArtifact().orElseThrow(() -> new IllegalStateException(
          "The sqlite4java native library (" + ARTIFACT + "-*.so) is neither on the class path nor in the local "
              + "Maven repository: run `mvn -pl local-dynamodb dependency:resolve` once"));
      try {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ARTIFACT, ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
      }
    }
    System.setProperty("sqlite4java.library.path", dir.toAbsolutePath().toString());
  }

  private static Optional<Path> findArtifact() {
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (isArtifact(path)) {
        return Optional.of(path);
      }
    }
    Path repo = Path.of(System.getProperty("maven.repo.local",
        System.getProperty("user.home") + "/.m2/repository"));
    Path folder = repo.resolve("com/almworks/sqlite4java/" + ARTIFACT);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(folder, 2)) {
      return files.filter(SqliteNative::isArtifact).sorted().reduce((a, b) -> b);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isArtifact(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    return name.startsWith(ARTIFACT) && name.endsWith(".so") && Files.isRegularFile(path);
  }
}
