package dev.blog.core.store;

import java.util.Set;

/**
 * A transaction was cancelled because conditions did not hold. Carries the labels of the failed steps so
 * the repository can say which rule was broken (email taken, stale version, gone).
 */
public final class ConditionFailed extends RuntimeException {
  private final Set<String> labels;

  public ConditionFailed(Set<String> labels) {
    super("Transaction conditions failed: " + labels, null, false, false);
    this.labels = Set.copyOf(labels);
  }

  public boolean failed(String label) {
    return labels.contains(label);
  }

  /** Whether the step {@code label} is the only one whose condition failed. */
  public boolean failedOnly(String label) {
    return labels.equals(Set.of(label));
  }
}
