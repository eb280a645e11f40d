package dev.blog.core.post;

import dev.blog.core.store.Times;

/** The one shape of a post on the wire (REST and GraphQL). */
public final class PostViews {
  private PostViews() {}

  public record PostView(String id, String authorId, String title, String content, boolean published,
      String createdAt, String updatedAt, long version) {}

  public static PostView of(Post p) {
    return new PostView(p.id(), p.authorId(), p.title(), p.content(), p.published(), Times.format(p.createdAt()),
        Times.format(p.updatedAt()), p.version());
  }
}
