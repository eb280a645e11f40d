package dev.blog.jobs;

import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Counts what was created in a time window from the audit log: every creation writes an audit entry in
 * its own transaction, and audit ids are UUIDv7 (time-ordered), so the window is one key range of the
 * audit log ({@link TableLayout#auditLog}), read with a projection of the action alone.
 */
public final class ActivityCounter {
  /** Actions that create a user or a post (see UserService and PostService). */
  static final Set<String> USER_CREATIONS = Set.of("user.registered", "user.created");
  static final Set<String> POST_CREATIONS = Set.of("post.created");
  private static final String ACTION = "action";

  public record Counts(long users, long posts) {}

  private final Store store;

  public ActivityCounter(Store store) {
    this.store = store;
  }

  public Counts count(Instant from, Instant to) {
    Map<String, Long> byAction = new HashMap<>();
    store.forEachBetween(TableLayout.auditLog(), lowestUuidAt(from), highestUuidAt(to.minusMillis(1)),
        entry -> byAction.merge(entry.optionalS(ACTION).orElse(""), 1L, Long::sum), ACTION);
    return new Counts(total(byAction, USER_CREATIONS), total(byAction, POST_CREATIONS));
  }

  private static long total(Map<String, Long> byAction, Set<String> actions) {
    return actions.stream().mapToLong(action -> byAction.getOrDefault(action, 0L)).sum();
  }

  /** The smallest UUIDv7 string of a millisecond: its 48-bit timestamp, then zeros (RFC 9562, section 5.7). */
  static String lowestUuidAt(Instant at) {
    return timestamp(at) + "-0000-0000-000000000000";
  }

  /** The greatest UUIDv7 string of a millisecond: its timestamp, then the highest hex digits. */
  static String highestUuidAt(Instant at) {
    return timestamp(at) + "-ffff-ffff-ffffffffffff";
  }

  private static String timestamp(Instant at) {
    String hex = String.format("%012x", at.toEpochMilli());
    return hex.substring(0, 8) + "-" + hex.substring(8, 12);
  }
}
