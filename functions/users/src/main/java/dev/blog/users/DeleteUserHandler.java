package dev.blog.users;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.UserService;

/** {@code DELETE /users/{id}}: admins only; removes the user and their email reservation. */
public final class DeleteUserHandler extends ApiHandler {
  private final UserService users;

  public DeleteUserHandler() {
    this(UsersComponent.create());
  }

  private DeleteUserHandler(UsersComponent c) {
    this(c.users(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  DeleteUserHandler(UserService users, Json json) {
    super(json);
    this.users = users;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("DELETE", "/users/{id}").pathParameter("id", PrimingData.USER_ID).asAdmin()
        .header("if-match", "\"1\"");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    users.delete(request.caller(), request.pathParameter("id"), request.ifMatch());
    return ApiResponse.noContent();
  }
}
