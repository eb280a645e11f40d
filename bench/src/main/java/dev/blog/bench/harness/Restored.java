package dev.blog.bench.harness;

/**
 * Loaded after the SnapStart hooks and the first event's parsing, right before the first handleRequest, when
 * the bench counts classes: its line in the -Xlog:class+load output marks where "classes the first request
 * loads after priming" begins (the request and its answer's serialization).
 */
public final class Restored {
  private Restored() {}

  static void mark() {
    // loading and initialising the class is the whole point
  }
}
