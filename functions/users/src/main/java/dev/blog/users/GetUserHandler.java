package dev.blog.users;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.UserService;

/** {@code GET /users/{id}}: the full user for self and staff, the public view for everyone else. */
public final class GetUserHandler extends ApiHandler {
  private final UserService users;

  public GetUserHandler() {
    this(UsersComponent.create());
  }

  private GetUserHandler(UsersComponent c) {
    this(c.users(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  GetUserHandler(UserService users, Json json) {
    super(json);
    this.users = users;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/users/{id}").pathParameter("id", PrimingData.USER_ID).asAdmin();
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return UserResponses.visible(users.view(request.caller(), request.pathParameter("id")));
  }
}
