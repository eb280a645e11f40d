package dev.blog.posts;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostListing;
import dev.blog.core.post.PostService;
import dev.blog.core.post.PostViews;
import java.util.List;
import java.util.Optional;

/** {@code GET /posts?authorId&published&limit&cursor}: newest first; others' drafts are never listed. */
public final class ListPostsHandler extends ApiHandler {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  record Body(List<PostViews.PostView> data, PostResponses.Pagination pagination) {}

  private final PostService posts;

  public ListPostsHandler() {
    this(PostsComponent.create());
  }

  private ListPostsHandler(PostsComponent c) {
    this(c.posts(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  ListPostsHandler(PostService posts, Json json) {
    super(json);
    this.posts = posts;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/posts").query("limit", "10").asAdmin();
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    int limit = request.queryInt("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    Optional<Boolean> published = request.query("published").map(ListPostsHandler::bool);
    PostListing page = posts.list(request.caller(), request.query("authorId"), published, limit, request.query("cursor"));
    return ApiResponse.ok(new Body(page.posts().stream().map(PostViews::of).toList(),
        new PostResponses.Pagination(limit, page.nextCursor())));
  }

  private static Boolean bool(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Invalid.field("published", "must be true or false");
    };
  }
}
