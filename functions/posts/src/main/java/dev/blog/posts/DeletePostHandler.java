package dev.blog.posts;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostService;
import dev.blog.core.snapstart.PrimingData;

/** {@code DELETE /posts/{id}}: the author, moderators and admins. */
public final class DeletePostHandler extends ApiHandler {
  private final PostService posts;

  public DeletePostHandler() {
    this(PostsComponent.create());
  }

  private DeletePostHandler(PostsComponent c) {
    this(c.posts(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  DeletePostHandler(PostService posts, Json json) {
    super(json);
    this.posts = posts;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("DELETE", "/posts/{id}").pathParameter("id", PrimingData.POST_ID).asAdmin()
        .header("if-match", "\"1\"");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    posts.delete(request.caller(), request.pathParameter("id"), request.ifMatch());
    return ApiResponse.noContent();
  }
}
