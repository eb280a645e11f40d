package dev.blog.local.template;

import java.nio.file.Path;
import java.util.Map;

/**
 * A function of the template: its handler, its deployable jar, the Globals merged with its own settings,
 * its environment variables and its {@code LoggingConfig} as declared (values may be intrinsics: resolve them
 * with {@link Intrinsics}).
 */
public record FunctionDef(String logicalId, String handler, Path jar, int memoryMb, int timeoutSeconds,
    Map<String, Object> environment, Map<String, Object> loggingConfig) {

  public FunctionDef(String logicalId, String handler, Path jar, int memoryMb, int timeoutSeconds,
      Map<String, Object> environment) {
    this(logicalId, handler, jar, memoryMb, timeoutSeconds, environment, Map.of());
  }

  /** The same function run from another jar (the bench runs a copy, so a build beside it cannot swap it). */
  public FunctionDef withJar(Path otherJar) {
    return new FunctionDef(logicalId, handler, otherJar, memoryMb, timeoutSeconds, environment, loggingConfig);
  }
}
