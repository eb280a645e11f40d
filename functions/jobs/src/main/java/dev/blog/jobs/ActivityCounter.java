package dev.blog.jobs;

import dev.blog.core.audit.AuditRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Counts what was created in a time window from the audit log: every creation writes an audit entry in
 * its own transaction, so the entries of the window say what was created in it.
 */
public final class ActivityCounter {
  /** Actions that create a user or a post (see UserService and PostService). */
  static final Set<String> USER_CREATIONS = Set.of("user.registered", "user.created");
  static final Set<String> POST_CREATIONS = Set.of("post.created");

  public record Counts(long users, long posts) {}

  private final AuditRepository audit;

  public ActivityCounter(AuditRepository audit) {
    this.audit = audit;
  }

  public Counts count(Instant from, Instant to) {
    Map<String, Long> byAction = audit.countActions(from, to);
    return new Counts(total(byAction, USER_CREATIONS), total(byAction, POST_CREATIONS));
  }

  private static long total(Map<String, Long> byAction, Set<String> actions) {
    return actions.stream().mapToLong(action -> byAction.getOrDefault(action, 0L)).sum();
  }
}
