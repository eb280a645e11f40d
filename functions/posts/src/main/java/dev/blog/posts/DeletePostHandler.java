package dev.blog.posts;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostService;

/** {@code DELETE /posts/{id}}: the author, moderators and admins. */
public final class DeletePostHandler extends ApiHandler {
  private final PostService posts;

  public DeletePostHandler() {
    this(PostsComponent.create());
  }

  private DeletePostHandler(PostsComponent c) {
    this(c.posts(), c.json());
    registerPriming(c.priming());
  }

  DeletePostHandler(PostService posts, Json json) {
    super(json);
    this.posts = posts;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    posts.delete(request.caller(), request.pathParameter("id"), request.ifMatch());
    return ApiResponse.noContent();
  }
}
