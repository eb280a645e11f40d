package dev.blog.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A summary at the end of the system tests: printed, and written to system-tests/target/{@code file}. */
final class RunSummary {
  private RunSummary() {}

  static void report(String file, List<String> lines) {
    lines.forEach(System.out::println);
    try {
      Path target = LocalStackFixture.projectDir().resolve("system-tests/target");
      Files.createDirectories(target);
      Files.write(target.resolve(file), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One measured figure, appended to system-tests/target/figures.txt (for the closing notes; never a verdict). */
  static void figure(String what, long value) {
    System.out.println("figure: " + what + ": " + value);
    try {
      Path target = LocalStackFixture.projectDir().resolve("system-tests/target");
      Files.createDirectories(target);
      Files.writeString(target.resolve("figures.txt"), what + ": " + value + System.lineSeparator(),
          java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // a figure is for reading; it never fails a test
    }
  }
}
