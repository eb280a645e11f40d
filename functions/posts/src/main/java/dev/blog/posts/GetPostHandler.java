package dev.blog.posts;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostService;
import dev.blog.core.snapstart.PrimingData;

/** {@code GET /posts/{id}}: a published post to anyone; a draft only to its author and staff (else 404). */
public final class GetPostHandler extends ApiHandler {
  private final PostService posts;

  public GetPostHandler() {
    this(PostsComponent.create());
  }

  private GetPostHandler(PostsComponent c) {
    this(c.posts(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  GetPostHandler(PostService posts, Json json) {
    super(json);
    this.posts = posts;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/posts/{id}").pathParameter("id", PrimingData.POST_ID).asAdmin();
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return PostResponses.ok(posts.get(request.caller(), request.pathParameter("id")));
  }
}
