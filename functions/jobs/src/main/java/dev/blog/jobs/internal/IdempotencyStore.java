package dev.blog.jobs.internal;

import static dev.blog.jobs.internal.IdempotencyRecord.LOCKED_UNTIL;
import static dev.blog.jobs.internal.IdempotencyRecord.STATUS;

import dev.blog.core.store.Items;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import java.time.Clock;
import java.time.Duration;

/**
 * "Processed once in effect" for queue messages, in the spirit of Powertools' idempotency utility (which
 * the registry here does not serve, so this is the small equivalent). Before a side effect, a record keyed
 * by the message's idempotency key is claimed with a conditional put (IN_PROGRESS, locked for the
 * function's timeout); after it, the record becomes COMPLETED and is kept for a week (TTL). A duplicate
 * delivery finds COMPLETED and does nothing; a concurrent one finds a live lock and is retried later; a
 * lock left by a crashed invocation expires and can be claimed again.
 * See https://docs.aws.amazon.com/powertools/java/latest/utilities/idempotency/
 */
public final class IdempotencyStore {
  static final Duration KEEP_COMPLETED = Duration.ofDays(7);
  private static final String IN_PROGRESS = "IN_PROGRESS";
  private static final String COMPLETED = "COMPLETED";

  /** What a claim found. */
  public enum Claim { CLAIMED, ALREADY_DONE, IN_PROGRESS_ELSEWHERE }

  private final Store store;
  private final Items<IdempotencyRecord> records;
  private final Clock clock;
  private final Duration lock;

  public IdempotencyStore(Store store, Clock clock, Duration lock) {
    this.store = store;
    this.records = store.items(IdempotencyRecord.SCHEMA);
    this.clock = clock;
    this.lock = lock;
  }

  public Claim claim(String key) {
    long now = clock.millis();
    Store.Outcome<IdempotencyRecord> claim = store.applyAndRead(
        Write.put(IdempotencyRecord.SCHEMA, new IdempotencyRecord(key, IN_PROGRESS, now + lock.toMillis(), expiresAt(now)))
            .when(TableLayout.ITEM_ABSENT + " OR (#" + STATUS + " = :inProgress AND " + LOCKED_UNTIL + " < :now)",
                Values.of().s(":inProgress", IN_PROGRESS).n(":now", now)),
        IdempotencyRecord.SCHEMA);
    if (claim.applied()) {
      return Claim.CLAIMED;
    }
    boolean done = claim.item().or(() -> records.get(TableLayout.idempotency(key)))
        .map(IdempotencyRecord::status).filter(COMPLETED::equals).isPresent();
    return done ? Claim.ALREADY_DONE : Claim.IN_PROGRESS_ELSEWHERE;
  }

  /** The side effect happened: the record becomes COMPLETED, unlocked, kept a week from now. */
  public void complete(String key) {
    store.apply(Write.put(IdempotencyRecord.SCHEMA, new IdempotencyRecord(key, COMPLETED, null, expiresAt(clock.millis()))));
  }

  /** Gives a claim back after a failed attempt, so that the retry may claim it at once. */
  public void release(String key) {
    // Refused when someone else's record is there by now: then it is left alone.
    store.apply(Write.delete(TableLayout.idempotency(key)).when("#" + STATUS + " = :inProgress",
        Values.of().s(":inProgress", IN_PROGRESS)));
  }

  private static long expiresAt(long nowMs) {
    return (nowMs + KEEP_COMPLETED.toMillis()) / 1000;
  }
}
