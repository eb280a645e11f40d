package dev.blog.posts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostPatch;
import dev.blog.core.post.PostService;

/** {@code PUT /posts/{id}} with {@code {title?, content?, published?}}: the author, moderators and admins. */
public final class UpdatePostHandler extends ApiHandler {
  record Body(String title, String content, Boolean published) {}

  private final PostService posts;
  private final Json json;

  public UpdatePostHandler() {
    this(PostsComponent.create());
  }

  private UpdatePostHandler(PostsComponent c) {
    this(c.posts(), c.json());
  }

  UpdatePostHandler(PostService posts, Json json) {
    super(json);
    this.posts = posts;
    this.json = json;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String id = request.pathParameter("id");
    JsonNode tree = request.bodyTree();
    Body body = json.convert(tree, Body.class);
    // Absent means "keep"; null would be ambiguous, and no field of a post can be cleared.
    Json.rejectNulls(tree, "title", "content", "published");
    PostPatch patch = new PostPatch(body.title(), body.content(), body.published());
    return PostResponses.ok(posts.update(request.caller(), id, patch, request.ifMatch()));
  }
}
