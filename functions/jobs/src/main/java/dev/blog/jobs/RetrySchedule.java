package dev.blog.jobs;

import java.time.Duration;

/**
 * When a failed email is tried again: after {@code base}, then 8 times longer each time, never longer than
 * {@code max}, by hiding the message on its queue that long (its visibility timeout). With the template's values
 * (10 s, at most 1 h) and the queue's 5 receives, the delays are 10 s, 80 s, 640 s and 3600 s: a short hiccup of
 * SES costs seconds, and an outage of up to {@link #toleratedOutage} (72 minutes) dead-letters nothing, since the
 * fifth and last delivery comes that long after the first. Locally (1 s, at most 120 s) it is about 3 minutes.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-backoff-strategy
 */
public record RetrySchedule(Duration base, Duration max) {
  static final int FACTOR = 8;

  /** How long to hide a message that failed on its {@code receiveCount}-th delivery (1 for the first). */
  public Duration delayAfter(int receiveCount) {
    Duration delay = base;
    for (int i = 1; i < receiveCount && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(FACTOR);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /**
   * The longest outage after which a message, first failing at its start, is still delivered, not dead-lettered:
   * the time from its first to its last ({@code maxReceiveCount}-th) delivery.
   */
  public Duration toleratedOutage(int maxReceiveCount) {
    Duration total = Duration.ZERO;
    for (int receive = 1; receive < maxReceiveCount; receive++) {
      total = total.plus(delayAfter(receive));
    }
    return total;
  }
}
