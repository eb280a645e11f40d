package dev.blog.core.post.internal;

import dev.blog.core.post.Post;
import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.TableLayout.Index;
import dev.blog.core.store.Times;
import dev.blog.core.store.Write;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of a post (docs/data-design.md): key {@link TableLayout#post}; listed in
 * {@link TableLayout#publishedPosts} only while published (a sparse index: everybody's published posts and
 * nothing else), and in {@link TableLayout#postsBy} its author's published posts or drafts, two partitions,
 * so that a listing of someone else's posts reads no draft at all and every page is full without a filter.
 */
record PostItem(String id, String authorId, String title, String content, boolean published, String createdAt,
    String updatedAt, long version) {
  static final StaticImmutableTableSchema<PostItem, Builder> SCHEMA =
      ItemSchema.of(PostItem.class, Builder.class, Builder::new, Builder::build, p -> TableLayout.post(p.id()))
          .listedIn(Index.GSI1, p -> p.published() ? TableLayout.publishedPosts() : null, PostItem::id)
          .listedIn(Index.GSI2, p -> TableLayout.postsBy(p.authorId(), p.published()), PostItem::id)
          .attribute(String.class, "id", PostItem::id, (b, v) -> b.id = v)
          .attribute(String.class, "authorId", PostItem::authorId, (b, v) -> b.authorId = v)
          .attribute(String.class, "title", PostItem::title, (b, v) -> b.title = v)
          .attribute(String.class, "content", PostItem::content, (b, v) -> b.content = v)
          .attribute(Boolean.class, "published", PostItem::published, (b, v) -> b.published = v)
          .attribute(String.class, "createdAt", PostItem::createdAt, (b, v) -> b.createdAt = v)
          .attribute(String.class, "updatedAt", PostItem::updatedAt, (b, v) -> b.updatedAt = v)
          .attribute(Long.class, Write.VERSION, PostItem::version, (b, v) -> b.version = v)
          .build();

  static PostItem of(Post post) {
    return new PostItem(post.id(), post.authorId(), post.title(), post.content(), post.published(),
        Times.format(post.createdAt()), Times.format(post.updatedAt()), post.version());
  }

  Post toPost() {
    return new Post(id, authorId, title, content, published, Times.parse(createdAt), Times.parse(updatedAt), version);
  }

  /** A new post: fails if the id is taken. */
  static Write create(Post post) {
    return Write.putNew(SCHEMA, of(post));
  }

  /**
   * The whole post as it is after a change, only if the stored version is still the one read. A put, not an
   * update: the item holds nothing but the post, and its index entries follow its state with no REMOVE.
   */
  static Write replace(Post before, Post after) {
    return Write.put(SCHEMA, of(after)).whenVersion(before.version());
  }

  static Write delete(Post post) {
    return Write.delete(TableLayout.post(post.id())).whenVersion(post.version());
  }

  /** What the Enhanced Client fills when it reads a post. */
  static final class Builder {
    private String id;
    private String authorId;
    private String title;
    private String content;
    private Boolean published;
    private String createdAt;
    private String updatedAt;
    private Long version;

    PostItem build() {
      return new PostItem(id, authorId, title, content, published, createdAt, updatedAt, version);
    }
  }
}
