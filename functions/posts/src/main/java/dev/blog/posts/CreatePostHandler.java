package dev.blog.posts;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostService;

/** {@code POST /posts} with {@code {title, content, published?}}: any caller, as the author; a draft by default. */
public final class CreatePostHandler extends ApiHandler {
  record Body(String title, String content, Boolean published) {}

  private final PostService posts;

  public CreatePostHandler() {
    this(PostsComponent.create());
  }

  private CreatePostHandler(PostsComponent c) {
    this(c.posts(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  CreatePostHandler(PostService posts, Json json) {
    super(json);
    this.posts = posts;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/posts").asAdmin()
        .jsonBody("{\"title\":\"Priming\",\"content\":\"Priming the request path.\",\"published\":true}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    var caller = request.caller(); // before reading the body: no caller, no parsing
    Body body = request.body(Body.class);
    return PostResponses.created(posts.create(caller, body.title(), body.content(), body.published()));
  }
}
