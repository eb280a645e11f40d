package dev.blog.core.user;

/**
 * What a user owns besides their own items (their posts), removed before the user is. An interface so that
 * users do not depend on posts: {@code StoreModule} plugs {@code PostService::deleteAllBy} in.
 */
@FunctionalInterface
public interface UserContent {
  /** Removes everything {@code userId} owns, as {@code actorId}; idempotent, so a retried delete finishes the job. */
  void removeAllOf(String userId, String actorId);
}
