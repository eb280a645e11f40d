package dev.blog.core.post.internal;

import dev.blog.core.store.Attributes;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the post store keeps on an author's user item (README, "Data design"): how many posts they have and
 * how many are published, the ids of their newest published posts ({@code latestPostIds}), the revision of
 * that list ({@code postsRev}), and the mark of a user being deleted ({@code deleting}).
 */
record AuthorPosts(String authorId, boolean deleting, List<String> latest, OptionalLong rev, long posts,
    long published) {
  /** The attributes to read: a projection, so a batch of authors does not read their profiles. */
  static final String[] ATTRIBUTES = {"id", "deleting", "latestPostIds", "postsRev", "postCount", "publishedPosts"};

  static AuthorPosts read(Attributes item) {
    return new AuthorPosts(item.s("id"), item.has("deleting"), item.strings("latestPostIds"),
        item.has("postsRev") ? OptionalLong.of(item.n("postsRev")) : OptionalLong.empty(),
        item.n("postCount", 0), item.n("publishedPosts", 0));
  }

  /**
   * The author's side of a post transaction: the counters move by the deltas and the list becomes
   * {@code latest}, on the condition that the author exists, is not being deleted, and nobody changed the list
   * since it was read (the revision), or the transaction fails on this step.
   */
  Write change(int postsDelta, int publishedDelta, List<String> latest) {
    String condition = TableLayout.ITEM_EXISTS + " AND attribute_not_exists(deleting) AND "
        + (rev.isPresent() ? "postsRev = :rev" : "attribute_not_exists(postsRev)");
    return Write.update(TableLayout.user(authorId))
        .set(Values.of().list("latestPostIds", latest).n("postsRev", rev.orElse(0) + 1))
        .add("postCount", postsDelta)
        .add("publishedPosts", publishedDelta)
        .when(condition, rev.isPresent() ? Values.of().n(":rev", rev.getAsLong()) : Values.of());
  }

  /** The counters after a cascade step; the author must still exist (ADD on a missing item would create a stub). */
  static Write removed(String authorId, int posts, int published) {
    return Write.update(TableLayout.user(authorId))
        .add("postCount", -posts)
        .add("publishedPosts", -published)
        .when(TableLayout.ITEM_EXISTS);
  }
}
