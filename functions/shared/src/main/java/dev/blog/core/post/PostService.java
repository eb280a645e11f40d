package dev.blog.core.post;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException.Forbidden;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.validation.Validator;
import dev.blog.core.security.Caller;
import dev.blog.core.security.StoredCallers;
import dev.blog.core.store.Cursors;
import dev.blog.core.store.Ids;
import dev.blog.core.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules about posts, for REST and GraphQL alike: who sees a draft (its author, moderators, admins;
 * nobody else, and in listings only its author), who may change a post (its author and staff),
 * validation, and the audit entry of each change.
 */
public final class PostService {
  private static final String TARGET_TYPE = "post";
  private static final String LISTING_SCOPE = "posts";

  private final PostRepository posts;
  private final Cursors cursors;
  private final Ids ids;
  private final Clock clock;
  private final StoredCallers callers;

  public PostService(PostRepository posts, Cursors cursors, Ids ids, Clock clock, StoredCallers callers) {
    this.callers = callers;
    this.posts = posts;
    this.cursors = cursors;
    this.ids = ids;
    this.clock = clock;
  }

  /** Any caller writes posts as themselves; a post is a draft unless {@code published} says otherwise. */
  public Post create(Caller caller, String rawTitle, String rawContent, Boolean published) {
    String title = PostRules.normalize(rawTitle);
    String content = PostRules.normalize(rawContent);
    Validator v = new Validator();
    PostRules.title(v, title);
    PostRules.content(v, content);
    v.throwIfInvalid();
    Instant now = now();
    Post post = new Post(ids.next(), caller.userId(), title, content, Boolean.TRUE.equals(published), now, now, 1);
    posts.create(post, audit(caller, "post.created", post.id(), now));
    return post;
  }

  /** A draft is not found for all but its author and staff: its existence is not disclosed. */
  public Post get(Caller caller, String id) {
    return findVisible(caller, id).orElseThrow(PostService::notFound);
  }

  /**
   * Newest first. Without {@code authorId}: everybody's published posts, or with {@code published=false}
   * the caller's own drafts. With it: that author's published posts, and their drafts only for the author.
   * Others' drafts are never listed, whoever asks (staff find them by id).
   */
  public PostListing list(Caller caller, Optional<String> authorId, Optional<Boolean> published, int limit,
      Optional<String> cursor) {
    Optional<String> author = authorId.filter(a -> !a.isEmpty());
    if (author.isPresent() && !Ids.isUuid(author.get())) {
      throw Invalid.field("authorId", "must be a user id");
    }
    // The cursor is bound to its listing: one from another author or filter is rejected, not misapplied.
    String scope = LISTING_SCOPE + "\n" + author.orElse("*") + "\n" + published.map(String::valueOf).orElse("*");
    Page<Post> page = page(caller, author, published, limit, cursors.afterId(scope, cursor));
    return new PostListing(page.items(), cursors.next(scope, page));
  }

  /** An author's posts as {@code caller} may list them (GraphQL's {@code User.posts}). */
  public PostListing byAuthor(Caller caller, String authorId, int limit, Optional<String> cursor) {
    return list(caller, Optional.of(authorId), Optional.empty(), limit, cursor);
  }

  /**
   * The first page of many authors' posts for {@code caller}, batched: everyone's published posts come from
   * one batched read; the caller's own page (which includes drafts) is read apart. Same rules as {@link #list}.
   */
  public Map<String, PostListing> firstPages(Caller caller, Collection<String> authorIds, int limit) {
    Map<String, PostListing> pages = new HashMap<>();
    var others = authorIds.stream().filter(a -> !caller.isSelf(a) && Ids.isUuid(a)).toList();
    Map<String, Page<Post>> batched = limit <= PostRepository.LATEST_KEPT
        ? posts.latestPublished(others, limit) : Map.of();
    for (String author : authorIds) {
      if (batched.containsKey(author)) {
        String scope = LISTING_SCOPE + "\n" + author + "\n*";
        Page<Post> page = batched.get(author);
        pages.put(author, new PostListing(page.items(), cursors.next(scope, page)));
      } else {
        pages.put(author, byAuthor(caller, author, limit, Optional.empty()));
      }
    }
    return pages;
  }

  public Post update(Caller caller, String id, PostPatch patch, OptionalLong ifMatch) {
    Post before = findChangeable(caller, id);
    requireVersion(before, ifMatch);
    String title = patch.title() == null ? before.title() : PostRules.normalize(patch.title());
    String content = patch.content() == null ? before.content() : PostRules.normalize(patch.content());
    boolean published = patch.published() == null ? before.published() : patch.published();
    Validator v = new Validator();
    PostRules.title(v, title);
    PostRules.content(v, content);
    v.throwIfInvalid();
    if (title.equals(before.title()) && content.equals(before.content()) && published == before.published()) {
      return before; // nothing to write, nothing to audit
    }
    Instant now = now();
    Post after = new Post(id, before.authorId(), title, content, published, before.createdAt(), now,
        before.version() + 1);
    posts.update(before, after, audit(caller, "post.updated", id, now));
    return after;
  }

  public void delete(Caller caller, String id, OptionalLong ifMatch) {
    Post post = findChangeable(caller, id);
    requireVersion(post, ifMatch);
    posts.delete(post, audit(caller, "post.deleted", id, now()));
  }

  /** Removes every post of a user that is being deleted ({@code actorId} deletes the user). */
  public int deleteAllBy(String authorId, String actorId) {
    Instant now = now();
    return posts.deleteAllBy(authorId, post -> new AuditEntry(ids.next(), actorId, "post.deleted", TARGET_TYPE,
        post.id(), now));
  }

  private Page<Post> page(Caller caller, Optional<String> author, Optional<Boolean> published, int limit,
      Optional<String> after) {
    if (author.isEmpty()) {
      return published.orElse(true)
          ? posts.published(limit, after)
          : posts.byAuthor(caller.userId(), false, limit, after); // "my drafts"
    }
    String id = author.get();
    if (caller.isSelf(id)) {
      return published.isEmpty() ? posts.allByAuthor(id, limit, after) : posts.byAuthor(id, published.get(), limit, after);
    }
    return published.orElse(true) ? posts.byAuthor(id, true, limit, after) : Page.empty();
  }

  /**
   * The post, if {@code caller} may see it: a published post, or a draft of theirs; someone else's draft only for
   * a moderator or admin as the store knows them now (the token's role alone shows no draft).
   */
  private Optional<Post> findVisible(Caller caller, String id) {
    return find(id).filter(p -> p.published() || caller.isSelf(p.authorId())
        || caller.isStaff() && callers.current(caller).isStaff());
  }

  /**
   * The post, if {@code caller} may change it: its author, or a moderator or admin as the store knows them now.
   * Someone else's draft that the caller may not see is not found; a published post they may not change, forbidden.
   */
  private Post findChangeable(Caller caller, String id) {
    Post post = find(id).orElseThrow(PostService::notFound);
    if (caller.isSelf(post.authorId())) {
      return post;
    }
    boolean staff = caller.isStaff() && callers.current(caller).isStaff();
    if (!staff) {
      if (!post.published()) {
        throw notFound();
      }
      throw new Forbidden("Only the author, a moderator or an admin may change a post");
    }
    return post;
  }

  private Optional<Post> find(String id) {
    if (!Ids.isUuid(id)) {
      return Optional.empty(); // names nothing: not found without a round trip
    }
    return posts.find(id);
  }

  private static void requireVersion(Post post, OptionalLong ifMatch) {
    if (ifMatch.isPresent() && ifMatch.getAsLong() != post.version()) {
      throw new PreconditionFailed("If-Match names version " + ifMatch.getAsLong()
          + " but the post is at version " + post.version());
    }
  }

  private AuditEntry audit(Caller caller, String action, String targetId, Instant at) {
    return new AuditEntry(ids.next(), caller.userId(), action, TARGET_TYPE, targetId, at);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static NotFound notFound() {
    return new NotFound("No such post");
  }
}
