package dev.blog.users;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.user.UserService;

/** {@code GET /me}: the caller's own full user. */
public final class GetMeHandler extends ApiHandler {
  private final UserService users;

  public GetMeHandler() {
    this(UsersComponent.create());
  }

  private GetMeHandler(UsersComponent c) {
    this(c.users(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  GetMeHandler(UserService users, Json json) {
    super(json);
    this.users = users;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/me").asAdmin();
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return UserResponses.full(users.me(request.caller()));
  }
}
