package dev.blog.users;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.security.Role;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.User;
import dev.blog.core.user.UserService;
import dev.blog.core.user.UserViews;

/** {@code POST /users}: an admin creates a user with any role. */
public final class CreateUserHandler extends ApiHandler {
  record Body(String email, String name, String password, Role role, Integer age) {}

  private final UserService users;

  public CreateUserHandler() {
    this(UsersComponent.create());
  }

  private CreateUserHandler(UsersComponent c) {
    this(c.users(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  CreateUserHandler(UserService users, Json json) {
    super(json);
    this.users = users;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/users").asAdmin().jsonBody(
        "{\"email\":\"" + PrimingData.EMAIL + "\",\"password\":\"priming-password\",\"name\":\"Priming\",\"role\":\"user\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    request.caller().require(Role.ADMIN); // before reading the body: a non-admin learns nothing from a 400
    Body body = request.body(Body.class);
    User user = users.create(request.caller(), body.email(), body.password(), body.name(), body.age(), body.role());
    return ApiResponse.created("/users/" + user.id(), UserViews.full(user)).withETag(user.version());
  }
}
