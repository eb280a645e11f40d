package dev.blog.core.post;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.store.Page;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Posts in the store. Every write is one transaction with its audit entry, and keeps the author's
 * "latest published posts" (on the user item) in step. Failures come out as
 * {@link dev.blog.core.error.DomainException}s (not found: the author is gone; precondition failed: a stale
 * version; unavailable: throttled) or an unexpected, logged failure.
 */
public interface PostRepository {
  /** Most posts served from the author's denormalised list: the default page size. */
  int LATEST_KEPT = 20;

  Optional<Post> find(String id);

  /** Stores a new post; not found when the author no longer exists or is being deleted. */
  void create(Post post, AuditEntry audit);

  /** Replaces {@code before} by {@code after}, only if the stored version is still {@code before.version()}. */
  void update(Post before, Post after, AuditEntry audit);

  /** Deletes the post, only if the stored version is still {@code post.version()}. */
  void delete(Post post, AuditEntry audit);

  /** Everybody's published posts, newest first, after the post {@code afterId} when given. */
  Page<Post> published(int limit, Optional<String> afterId);

  /** One author's published posts or drafts (one index partition each), newest first. */
  Page<Post> byAuthor(String authorId, boolean published, int limit, Optional<String> afterId);

  /** One author's posts, published and drafts together, newest first (the author's own view). */
  Page<Post> allByAuthor(String authorId, int limit, Optional<String> afterId);

  /**
   * The first page of published posts of many authors at once, in a number of DynamoDB requests that does
   * not depend on how many authors are asked for (docs/data-design.md: the latest-posts list).
   */
  Map<String, Page<Post>> latestPublished(Collection<String> authorIds, int limit);

  /**
   * Deletes every post of an author, in transactions of at most 49 posts with one audit entry each
   * ({@code audit} makes it). Idempotent: a retry deletes what is left. Answers how many it deleted; none
   * when the author is gone already.
   */
  int deleteAllBy(String authorId, Function<Post, AuditEntry> audit);
}
