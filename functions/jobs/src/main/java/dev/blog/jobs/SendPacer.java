package dev.blog.jobs;

/**
 * Spaces the sends of one execution environment to at most {@code perSecond} a second. With the email queue's
 * event source limited to a MaximumConcurrency of environments (template.yaml), the whole worker stays under
 * concurrency × rate: below the account's SES sending quota, so a burst of sign-ups is sent steadily instead of
 * being throttled. https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas.html
 */
final class SendPacer {
  private final long intervalNanos;
  private long next = System.nanoTime();

  SendPacer(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("SEND_RATE_PER_SECOND must be at least 1");
    }
    this.intervalNanos = 1_000_000_000L / perSecond;
  }

  /** Waits, if need be, until the next send is due. */
  synchronized void awaitTurn() throws InterruptedException {
    long now = System.nanoTime();
    if (next > now) {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(next - now);
      now = next;
    }
    next = now + intervalNanos;
  }
}
