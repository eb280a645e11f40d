package dev.blog.posts;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostPatch;
import dev.blog.core.post.PostService;
import dev.blog.core.snapstart.PrimingData;

/** {@code PUT /posts/{id}} with {@code {title?, content?, published?}}: the author, moderators and admins. */
public final class UpdatePostHandler extends ApiHandler {
  record Body(String title, String content, Boolean published) {}

  private final PostService posts;

  public UpdatePostHandler() {
    this(PostsComponent.create());
  }

  private UpdatePostHandler(PostsComponent c) {
    this(c.posts(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  UpdatePostHandler(PostService posts, Json json) {
    super(json);
    this.posts = posts;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("PUT", "/posts/{id}").pathParameter("id", PrimingData.POST_ID).asAdmin()
        .header("if-match", "\"1\"").jsonBody("{\"title\":\"Priming renamed\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String id = request.pathParameter("id");
    // No field of a post can be cleared.
    Body body = request.body(Body.class);
    PostPatch patch = new PostPatch(body.title(), body.content(), body.published());
    return PostResponses.ok(posts.update(request.caller(), id, patch, request.ifMatch()));
  }
}
