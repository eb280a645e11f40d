package dev.blog.core.post.internal;

import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * What the post store keeps on an author's user item (docs/data-design.md): how many posts they have and
 * how many are published, the ids of their newest published posts ({@code latestPostIds}), the revision of
 * that list ({@code postsRev}), and the mark of a user being deleted ({@code deleting}). Its schema maps only
 * these attributes of the user item (the user store maps the profile), so it is read, never put; its changes
 * are updates (ADD to the counters, SET of the list under its revision).
 */
record AuthorPosts(String authorId, String deletingSince, List<String> latest, Long rev, long posts, long published) {
  private static final String LATEST = "latestPostIds";
  private static final String REV = "postsRev";
  private static final String POSTS = "postCount";
  private static final String PUBLISHED = "publishedPosts";
  static final StaticImmutableTableSchema<AuthorPosts, Builder> SCHEMA = ItemSchema.of(AuthorPosts.class,
          Builder.class, Builder::new, Builder::build, a -> TableLayout.user(a.authorId()))
      .attribute(String.class, "id", AuthorPosts::authorId, (b, v) -> b.authorId = v)
      .attribute(String.class, "deleting", AuthorPosts::deletingSince, (b, v) -> b.deletingSince = v)
      .strings(LATEST, AuthorPosts::latest, (b, v) -> b.latest = v)
      .attribute(Long.class, REV, AuthorPosts::rev, (b, v) -> b.rev = v)
      .attribute(Long.class, POSTS, AuthorPosts::posts, (b, v) -> b.posts = v)
      .attribute(Long.class, PUBLISHED, AuthorPosts::published, (b, v) -> b.published = v)
      .build();

  AuthorPosts {
    latest = latest == null ? List.of() : List.copyOf(latest);
  }

  boolean deleting() {
    return deletingSince != null;
  }

  /**
   * The author's side of a post transaction: the counters move by the deltas and the list becomes
   * {@code latest}, on the condition that the author exists, is not being deleted, and nobody changed the list
   * since it was read (the revision), or the transaction fails on this step.
   */
  Write change(int postsDelta, int publishedDelta, List<String> latest) {
    String condition = TableLayout.ITEM_EXISTS + " AND attribute_not_exists(deleting) AND "
        + (rev != null ? REV + " = :rev" : "attribute_not_exists(" + REV + ")");
    return Write.update(TableLayout.user(authorId))
        .set(Values.of().list(LATEST, latest).n(REV, (rev == null ? 0 : rev) + 1))
        .add(POSTS, postsDelta)
        .add(PUBLISHED, publishedDelta)
        .when(condition, rev != null ? Values.of().n(":rev", rev) : Values.of());
  }

  /** The counters after a cascade step; the author must still exist (ADD on a missing item would create a stub). */
  static Write removed(String authorId, int posts, int published) {
    return Write.update(TableLayout.user(authorId))
        .add(POSTS, -posts)
        .add(PUBLISHED, -published)
        .when(TableLayout.ITEM_EXISTS);
  }

  /** What the Enhanced Client fills when it reads an author's side of the user item. */
  static final class Builder {
    private String authorId;
    private String deletingSince;
    private List<String> latest;
    private Long rev;
    private long posts;
    private long published;

    AuthorPosts build() {
      return new AuthorPosts(authorId, deletingSince, latest, rev, posts, published);
    }
  }
}
