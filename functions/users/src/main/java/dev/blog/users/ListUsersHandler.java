package dev.blog.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.user.UserListing;
import dev.blog.core.user.UserService;
import dev.blog.core.user.UserViews;
import java.util.List;

/** {@code GET /users?limit&cursor&emailContains}: moderators and admins page through users, newest first. */
public final class ListUsersHandler extends ApiHandler {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  /** {@code nextCursor} is always present: null says "last page" (the global NON_NULL rule would drop it). */
  record Pagination(int limit, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor, long total) {}

  record Body(List<UserViews.FullUser> data, Pagination pagination) {}

  private final UserService users;

  public ListUsersHandler() {
    this(UsersComponent.create());
  }

  private ListUsersHandler(UsersComponent c) {
    this(c.users(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  ListUsersHandler(UserService users, Json json) {
    super(json);
    this.users = users;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/users").query("limit", "10").asAdmin();
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    int limit = request.queryInt("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    UserListing page = users.list(request.caller(), limit, request.query("cursor"), request.query("emailContains"));
    List<UserViews.FullUser> data = page.users().stream().map(UserViews::full).toList();
    return ApiResponse.ok(new Body(data, new Pagination(limit, page.nextCursor(), page.total())));
  }
}
