package dev.blog.core.post.internal;

import dev.blog.core.post.Post;
import dev.blog.core.store.Attributes;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Times;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored form of a post (README, "Data design"): key {@link TableLayout#post}; listed in
 * {@link TableLayout#publishedPosts} only while published (a sparse index: everybody's published posts and
 * nothing else), and in {@link TableLayout#postsBy} its author's published posts or drafts, two partitions,
 * so that a listing of someone else's posts reads no draft at all and every page is full without a filter.
 */
final class PostItem {
  private static final String UNCHANGED = "version = :expected";

  private PostItem() {}

  /** A new post: fails if the id is taken. */
  static Write create(Post post) {
    return Write.putNew(item(post));
  }

  /**
   * The whole post as it is after a change, only if the stored version is still the one read. A put, not an
   * update: the item holds nothing but the post, and its index entries follow its state with no REMOVE.
   */
  static Write replace(Post before, Post after) {
    return Write.put(item(after)).when(UNCHANGED, expected(before));
  }

  static Write delete(Post post) {
    return Write.delete(TableLayout.post(post.id())).when(UNCHANGED, expected(post));
  }

  static Post read(Attributes item) {
    return new Post(item.s("id"), item.s("authorId"), item.s("title"), item.s("content"), item.bool("published"),
        Times.parse(item.s("createdAt")), Times.parse(item.s("updatedAt")), item.n("version"));
  }

  private static Map<String, AttributeValue> item(Post post) {
    Values item = Values.item(TableLayout.post(post.id()))
        .all(TableLayout.postsBy(post.authorId(), post.published()).entry(post.id()));
    if (post.published()) {
      item.all(TableLayout.publishedPosts().entry(post.id()));
    }
    return item.s("id", post.id())
        .s("authorId", post.authorId())
        .s("title", post.title())
        .s("content", post.content())
        .bool("published", post.published())
        .s("createdAt", Times.format(post.createdAt()))
        .s("updatedAt", Times.format(post.updatedAt()))
        .n("version", post.version())
        .map();
  }

  private static Values expected(Post post) {
    return Values.of().n(":expected", post.version());
  }
}
