package dev.blog.bench.harness;

/**
 * Loaded right after the first response when the bench counts classes: its line in the -Xlog:class+load
 * output marks where "classes loaded at first response" ends.
 */
public final class FirstResponse {
  private FirstResponse() {}

  static void mark() {
    // loading and initialising the class is the whole point
  }
}
