package dev.blog.core.snapstart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Priming#runAll} did, per warm-up: how far its request got, and the calls that reached the
 * socket, where they were answered in place of the service or refused. Nothing in it was sent.
 *
 * @param outcomes by warm-up name, in registration order
 */
public record PrimingReport(Map<String, Outcome> outcomes) {
  /**
   * @param reached what the warm-up reported ("HTTP 200", "denied", ...) or "failed: X" if it threw
   * @param answered the calls answered at the socket, as {@code Service.Operation} ("DynamoDB.GetItem")
   * @param refused the calls refused there (a service with no priming answer, or past the warm-up's limit)
   */
  public record Outcome(String reached, List<String> answered, List<String> refused) {}

  public PrimingReport {
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
  }

  /** The outcome of one warm-up; an unknown name is a test's mistake, so it throws. */
  public Outcome of(String name) {
    Outcome outcome = outcomes.get(name);
    if (outcome == null) {
      throw new IllegalArgumentException("No warm-up " + name + " ran; ran: " + outcomes.keySet());
    }
    return outcome;
  }
}
