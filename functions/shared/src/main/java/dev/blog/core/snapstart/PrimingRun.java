package dev.blog.core.snapstart;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one warm-up did at the socket: the requests {@link PrimingHttpClient} answered in place of the
 * service (the last step before the wire, so they prove how far the warm-up's request path ran) and those
 * it refused. Confined to the warm-up's thread.
 */
final class PrimingRun {
  /**
   * A warm-up's request path makes a handful of calls (a delete cascade a few more); past this many, a
   * warm-up in a loop is stopped rather than left to spin in the checkpoint.
   */
  static final int MAX_ANSWERS = 64;

  private final List<String> answered = new ArrayList<>();
  private final List<String> refused = new ArrayList<>();
  private final Set<String> queried = new HashSet<>();

  /** Counts one more answer; false once the warm-up has had {@link #MAX_ANSWERS}. */
  boolean answer(String operation) {
    if (answered.size() >= MAX_ANSWERS) {
      refused.add(operation);
      return false;
    }
    answered.add(operation);
    return true;
  }

  /** True the first time this run queries {@code index} (a table or one of its indexes), false after. */
  boolean firstQueryOf(String index) {
    return queried.add(index);
  }

  void refuse(String operation) {
    refused.add(operation);
  }

  List<String> answered() {
    return List.copyOf(answered);
  }

  List<String> refused() {
    return List.copyOf(refused);
  }
}
