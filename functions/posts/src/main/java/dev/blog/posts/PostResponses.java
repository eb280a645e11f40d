package dev.blog.posts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.post.Post;
import dev.blog.core.post.PostViews;

/** The one mapping from a post to its HTTP answer, shared by the posts routes. */
final class PostResponses {
  private PostResponses() {}

  /** {@code nextCursor} is always present: null says "last page" (the global NON_NULL rule would drop it). */
  record Pagination(int limit, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}

  static ApiResponse ok(Post post) {
    return ApiResponse.ok(PostViews.of(post)).withETag(post.version());
  }

  static ApiResponse created(Post post) {
    return ApiResponse.created("/posts/" + post.id(), PostViews.of(post)).withETag(post.version());
  }
}
