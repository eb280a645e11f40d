package dev.blog.jobs.internal;

import static dev.blog.jobs.internal.IdempotencyRecord.EXPIRES_AT;
import static dev.blog.jobs.internal.IdempotencyRecord.LOCKED_UNTIL;
import static dev.blog.jobs.internal.IdempotencyRecord.STATUS;

import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * "Processed once in effect" for queue messages, in the spirit of Powertools' idempotency utility (which
 * the registry here does not serve, so this is the small equivalent). Before a side effect, a record keyed
 * by the message's idempotency key is claimed with a conditional put (IN_PROGRESS, locked until the claiming
 * invocation has surely ended: the rest of its time); after it, the record becomes COMPLETED and is kept for a
 * week (TTL). A duplicate delivery finds COMPLETED and does nothing; a concurrent one finds a live lock and is
 * retried once it has passed; a lock left by a crashed invocation expires and can be claimed again, which is the
 * one window for a duplicate: a crash (or a store that fails) between the side effect and {@link #complete}.
 * See https://docs.aws.amazon.com/powertools/java/latest/utilities/idempotency/
 */
public final class IdempotencyStore {
  static final Duration KEEP_COMPLETED = Duration.ofDays(7);
  private static final String IN_PROGRESS = "IN_PROGRESS";
  private static final String COMPLETED = "COMPLETED";

  /** What a claim found. */
  public enum Status { CLAIMED, ALREADY_DONE, IN_PROGRESS_ELSEWHERE }

  /** What a claim found, and for IN_PROGRESS_ELSEWHERE until when the other claim holds (if known). */
  public record Claim(Status status, Optional<Instant> heldUntil) {
    static Claim of(Status status) {
      return new Claim(status, Optional.empty());
    }
  }

  private final Store store;
  private final Clock clock;

  public IdempotencyStore(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Claims {@code key} for {@code lock}: as long as the claiming invocation may still run. */
  public Claim claim(String key, Duration lock) {
    long now = clock.millis();
    Store.Outcome<IdempotencyRecord> claim = store.applyAndRead(
        Write.put(IdempotencyRecord.SCHEMA, new IdempotencyRecord(key, IN_PROGRESS, now + lock.toMillis(), expiresAt(now)))
            .when(TableLayout.ITEM_ABSENT + " OR (#" + STATUS + " = :inProgress AND " + LOCKED_UNTIL + " < :now)",
                Values.of().s(":inProgress", IN_PROGRESS).n(":now", now)),
        IdempotencyRecord.SCHEMA);
    if (claim.applied()) {
      return Claim.of(Status.CLAIMED);
    }
    // A refused claim answers with the stored record (ReturnValuesOnConditionCheckFailure): no read, so the
    // worker's role has no GetItem.
    Optional<IdempotencyRecord> found = claim.item();
    if (found.map(IdempotencyRecord::status).filter(COMPLETED::equals).isPresent()) {
      return Claim.of(Status.ALREADY_DONE);
    }
    return new Claim(Status.IN_PROGRESS_ELSEWHERE, found.map(IdempotencyRecord::lockedUntil).map(Instant::ofEpochMilli));
  }

  /**
   * The side effect happened: the record becomes COMPLETED, unlocked, kept a week from now. An update of the claim
   * (UpdateItem), whether or not this invocation's claim is still the one stored: the email went out either way.
   */
  public void complete(String key) {
    store.apply(Write.update(TableLayout.idempotency(key))
        .set(Values.of().s(STATUS, COMPLETED).n(EXPIRES_AT, expiresAt(clock.millis())))
        .remove(LOCKED_UNTIL));
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
