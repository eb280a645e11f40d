package dev.blog.core.post.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.DynamoAuditRepository;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.post.Post;
import dev.blog.core.post.PostRepository;
import dev.blog.core.store.ConditionFailed;
import dev.blog.core.store.DynamoErrors;
import dev.blog.core.store.Items;
import dev.blog.core.store.Page;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Transaction;
import dev.blog.core.store.Write;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The author's side of the posts (docs/data-design.md), kept on the user item ({@link AuthorPosts}): the
 * counters and the latest-posts list, written in the same transaction as every post write, so that the first
 * page of posts of a whole page of users costs two BatchGetItems, not a Query each; and the cascade that
 * deletes all posts of a user being deleted.
 */
final class AuthorIndex {
  /** 49 deletes + 49 audit entries + the author's counters: within a transaction's 100 actions. */
  static final int CASCADE_BATCH = (Transaction.MAX_STEPS - 1) / 2;
  private static final String AUTHOR = "author";
  /** The label of one post's delete in a cascade transaction: {@code post:<id>}. */
  private static final String CASCADED = "post:";
  /** Concurrent writes of one author's posts serialise on the list's revision; a few retries settle them. */
  private static final int AUTHOR_ATTEMPTS = 5;
  /** How long the cascade waits for gsi2 to show posts the counter says exist (eventual consistency). */
  private static final int CASCADE_LAG_PASSES = 20;

  private final Store store;
  private final Items<PostItem> posts;
  private final Items<AuthorPosts> authors;

  AuthorIndex(Store store, Items<PostItem> posts) {
    this.store = store;
    this.posts = posts;
    this.authors = store.items(AuthorPosts.SCHEMA);
  }

  /**
   * Commits a post's {@code steps} with the author's side of them: the counters move by the deltas and the
   * list by {@code latest}, on the condition that the author exists, is not being deleted, and nobody changed
   * the list since it was read; a concurrent write of the same author's posts means read again and retry.
   */
  void commit(String authorId, int postsDelta, int publishedDelta, UnaryOperator<List<String>> latest,
      Consumer<Transaction> steps) {
    for (int attempt = 1; ; attempt++) {
      AuthorPosts author = read(authorId).filter(a -> !a.deleting())
          .orElseThrow(() -> new NotFound("The author no longer exists"));
      Transaction tx = store.transaction();
      steps.accept(tx);
      tx.add(AUTHOR, author.change(postsDelta, publishedDelta, latest.apply(author.latest())));
      try {
        store.commit(tx);
        return;
      } catch (ConditionFailed e) {
        if (!e.failedOnly(AUTHOR)) {
          throw e;
        }
        if (attempt == AUTHOR_ATTEMPTS) {
          throw new Conflict("The author's posts are changing concurrently; retry");
        }
      }
    }
  }

  /** Adds a newly published post to the list, in id order (= time order), keeping the newest only. */
  static UnaryOperator<List<String>> inserting(String postId) {
    return latest -> {
      List<String> next = new ArrayList<>(latest);
      if (!next.contains(postId)) {
        next.add(postId);
      }
      next.sort(Comparator.reverseOrder());
      return next.size() > PostRepository.LATEST_KEPT ? next.subList(0, PostRepository.LATEST_KEPT) : next;
    };
  }

  /**
   * Takes a post out of the list; if the list was full, the next older published post (if any) takes the
   * freed place, so the list stays "the newest N" and never needs a rebuild.
   */
  UnaryOperator<List<String>> removing(Post post) {
    return latest -> {
      if (!latest.contains(post.id())) {
        return latest;
      }
      List<String> next = new ArrayList<>(latest);
      next.remove(post.id());
      if (latest.size() == PostRepository.LATEST_KEPT) {
        posts.newestFirst(TableLayout.postsBy(post.authorId(), true), 2, Optional.of(latest.get(latest.size() - 1)),
                Optional.empty()).items().stream()
            .map(PostItem::id).filter(older -> !older.equals(post.id())).findFirst().ifPresent(next::add);
      }
      return next;
    };
  }

  /**
   * The first page of published posts of many authors from their lists: one BatchGetItem per 100 authors, then
   * one per 100 posts shown, whatever the number of authors.
   */
  Map<String, Page<Post>> latestPublished(Collection<String> authorIds, int limit) {
    if (limit > PostRepository.LATEST_KEPT) {
      throw new IllegalArgumentException("The latest-posts list holds " + PostRepository.LATEST_KEPT + " posts");
    }
    Map<String, AuthorPosts> byAuthor = new HashMap<>();
    authors.getAll(authorIds.stream().map(TableLayout::user).toList())
        .forEach(author -> byAuthor.put(author.authorId(), author));
    Map<String, Post> byId = new HashMap<>();
    posts.getAll(byAuthor.values().stream().flatMap(a -> shown(a, limit).stream()).map(TableLayout::post).toList())
        .forEach(item -> byId.put(item.id(), item.toPost()));
    Map<String, Page<Post>> pages = new HashMap<>();
    for (String authorId : new HashSet<>(authorIds)) {
      Optional<AuthorPosts> author = Optional.ofNullable(byAuthor.get(authorId));
      // A post the list names but that is gone or a draft by now (a write in between) is left out.
      List<Post> found = author.map(a -> shown(a, limit)).orElse(List.of()).stream().map(byId::get)
          .filter(p -> p != null && p.published() && p.authorId().equals(authorId)).toList();
      boolean more = author.map(AuthorPosts::published).orElse(0L) > found.size() && !found.isEmpty();
      pages.put(authorId, new Page<>(found, more ? Optional.of(found.get(found.size() - 1).id()) : Optional.empty()));
    }
    return pages;
  }

  /**
   * Deletes every post of the author in transactions of {@value #CASCADE_BATCH} posts with their audit entries
   * and the author's counters. Each delete holds only if the post still exists: gsi2 lags behind the table, so it
   * may still show a post that DELETE /posts/{id} deleted (and audited, and counted) just before the user's delete
   * began; such a post is left out and the rest of the batch committed without it. A cascade that stopped half-way
   * is finished by the retry; no post is deleted, counted or audited twice.
   */
  int deleteAllBy(String authorId, Function<Post, AuditEntry> audit) {
    Set<String> done = new HashSet<>(); // deleted here, or found deleted by someone else
    int deleted = 0;
    int lagPasses = 0;
    while (true) {
      List<Post> batch = nextBatch(authorId, done);
      if (batch.isEmpty()) {
        // The index shows nothing more; the counter (kept in every post transaction) says whether that is
        // true or whether the index has not caught up with a post written just before the delete began.
        if (read(authorId).map(AuthorPosts::posts).orElse(0L) <= 0 || ++lagPasses > CASCADE_LAG_PASSES) {
          return deleted;
        }
        pause();
        continue;
      }
      Transaction tx = store.transaction();
      for (Post post : batch) {
        tx.add(CASCADED + post.id(), Write.delete(TableLayout.post(post.id())).when(TableLayout.ITEM_EXISTS))
            .add("audit", DynamoAuditRepository.record(audit.apply(post)));
      }
      tx.add(AUTHOR, AuthorPosts.removed(authorId, batch.size(), (int) batch.stream().filter(Post::published).count()));
      try {
        store.commit(tx);
      } catch (ConditionFailed e) {
        if (e.failed(AUTHOR)) {
          return deleted; // a concurrent delete of the same user finished first, posts and all
        }
        // Gone already, though the index showed them: not ours to delete, count or audit. The rest goes again.
        List<Post> gone = batch.stream().filter(p -> e.failed(CASCADED + p.id())).toList();
        if (gone.isEmpty()) {
          throw e;
        }
        gone.forEach(p -> done.add(p.id()));
        continue;
      }
      batch.forEach(p -> done.add(p.id()));
      deleted += batch.size();
    }
  }

  /** Up to a cascade's batch of the author's posts, drafts first; gsi2 may still show posts deleted a moment ago. */
  private List<Post> nextBatch(String authorId, Set<String> deleted) {
    List<Post> batch = new ArrayList<>();
    for (boolean published : new boolean[] {false, true}) {
      Optional<String> after = Optional.empty();
      while (batch.size() < CASCADE_BATCH) {
        Page<Post> page = posts.newestFirst(TableLayout.postsBy(authorId, published), CASCADE_BATCH, after,
            Optional.empty()).map(PostItem::toPost);
        page.items().stream().filter(p -> !deleted.contains(p.id())).limit(CASCADE_BATCH - batch.size())
            .forEach(batch::add);
        after = page.lastShown();
        if (after.isEmpty()) {
          break;
        }
      }
    }
    return batch;
  }

  private Optional<AuthorPosts> read(String authorId) {
    return authors.get(TableLayout.user(authorId));
  }

  private static List<String> shown(AuthorPosts author, int limit) {
    return author.latest().subList(0, Math.min(limit, author.latest().size()));
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DynamoErrors.unavailable(e);
    }
  }
}
