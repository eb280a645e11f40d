package dev.blog.local.template;

import java.nio.file.Path;
import java.util.Map;

/**
 * A function of the template: its handler, its deployable jar, the Globals merged with its own settings,
 * and its environment variables as declared (values may be intrinsics: resolve them with {@link Intrinsics}).
 */
public record FunctionDef(String logicalId, String handler, Path jar, int memoryMb, int timeoutSeconds,
    Map<String, Object> environment) {

  /** The same function run from another jar (the bench runs a copy, so a build beside it cannot swap it). */
  public FunctionDef withJar(Path otherJar) {
    return new FunctionDef(logicalId, handler, otherJar, memoryMb, timeoutSeconds, environment);
  }
}
