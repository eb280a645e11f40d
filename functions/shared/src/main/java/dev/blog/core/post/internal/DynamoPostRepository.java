package dev.blog.core.post.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.DynamoAuditRepository;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.post.Post;
import dev.blog.core.post.PostRepository;
import dev.blog.core.store.ConditionFailed;
import dev.blog.core.store.Items;
import dev.blog.core.store.Page;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.TableLayout.Listing;
import dev.blog.core.store.Transaction;
import dev.blog.core.store.Write;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link PostRepository} on the single table (docs/data-design.md): the post items ({@link PostItem}) and
 * their listings. Every write that changes what the author has published goes through the {@link AuthorIndex},
 * which keeps the author's counters and latest posts in the same transaction.
 */
public final class DynamoPostRepository implements PostRepository {
  private static final String POST = "post";

  private final Store store;
  private final Items<PostItem> posts;
  private final AuthorIndex authors;

  public DynamoPostRepository(Store store) {
    this.store = store;
    this.posts = store.items(PostItem.SCHEMA);
    this.authors = new AuthorIndex(store, posts);
  }

  @Override
  public Optional<Post> find(String id) {
    return posts.get(TableLayout.post(id)).map(PostItem::toPost);
  }

  @Override
  public void create(Post post, AuditEntry audit) {
    write(() -> authors.commit(post.authorId(), 1, post.published() ? 1 : 0,
        post.published() ? AuthorIndex.inserting(post.id()) : UnaryOperator.identity(),
        steps(PostItem.create(post), audit)));
  }

  @Override
  public void update(Post before, Post after, AuditEntry audit) {
    Consumer<Transaction> steps = steps(PostItem.replace(before, after), audit);
    if (before.published() == after.published()) {
      write(() -> { // the author's list and counters do not change
        Transaction tx = store.transaction();
        steps.accept(tx);
        store.commit(tx);
      });
      return;
    }
    write(() -> authors.commit(before.authorId(), 0, after.published() ? 1 : -1,
        after.published() ? AuthorIndex.inserting(after.id()) : authors.removing(after), steps));
  }

  @Override
  public void delete(Post post, AuditEntry audit) {
    write(() -> authors.commit(post.authorId(), -1, post.published() ? -1 : 0,
        post.published() ? authors.removing(post) : UnaryOperator.identity(), steps(PostItem.delete(post), audit)));
  }

  @Override
  public Page<Post> published(int limit, Optional<String> afterId) {
    return page(TableLayout.publishedPosts(), limit, afterId);
  }

  @Override
  public Page<Post> byAuthor(String authorId, boolean published, int limit, Optional<String> afterId) {
    return page(TableLayout.postsBy(authorId, published), limit, afterId);
  }

  @Override
  public Page<Post> allByAuthor(String authorId, int limit, Optional<String> afterId) {
    // Two partitions, each read newest first for a page, merged by id (= by time): the page is the newest of
    // both, and there is more if either partition has more or the merge holds more than a page.
    Page<Post> published = byAuthor(authorId, true, limit, afterId);
    Page<Post> drafts = byAuthor(authorId, false, limit, afterId);
    List<Post> merged = new ArrayList<>(published.items());
    merged.addAll(drafts.items());
    merged.sort(Comparator.comparing(Post::id).reversed());
    boolean more = merged.size() > limit || published.lastShown().isPresent() || drafts.lastShown().isPresent();
    List<Post> shown = merged.subList(0, Math.min(limit, merged.size()));
    return new Page<>(shown, more ? Optional.of(shown.get(shown.size() - 1).id()) : Optional.empty());
  }

  @Override
  public Map<String, Page<Post>> latestPublished(Collection<String> authorIds, int limit) {
    return authors.latestPublished(authorIds, limit);
  }

  @Override
  public int deleteAllBy(String authorId, Function<Post, AuditEntry> audit) {
    return authors.deleteAllBy(authorId, audit);
  }

  private Page<Post> page(Listing listing, int limit, Optional<String> afterId) {
    return posts.newestFirst(listing, limit, afterId, Optional.empty()).map(PostItem::toPost);
  }

  private static Consumer<Transaction> steps(Write post, AuditEntry audit) {
    return tx -> tx.add(POST, post).add("audit", DynamoAuditRepository.record(audit));
  }

  /** Runs a post transaction; a failed condition on the post itself is a stale version. */
  private static void write(Runnable commit) {
    try {
      commit.run();
    } catch (ConditionFailed e) {
      if (e.failed(POST)) {
        throw new PreconditionFailed("The post has changed since it was read; read it again and retry");
      }
      throw e;
    }
  }
}
