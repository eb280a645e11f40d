package dev.blog.auth;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.User;
import dev.blog.core.user.UserService;
import dev.blog.core.user.UserViews;

/** {@code POST /auth/register}: anyone may sign up, always as a {@code user}. */
public final class RegisterHandler extends ApiHandler {
  /** The accepted fields, and only these: a {@code role} in the body is a 400, never a privilege. */
  record Body(String email, String password, String name, Integer age) {}

  private final UserService users;

  public RegisterHandler() {
    this(AuthComponent.create());
  }

  private RegisterHandler(AuthComponent c) {
    this(c.users(), c.json());
    registerPriming(c.priming());
  }

  RegisterHandler(UserService users, Json json) {
    super(json);
    this.users = users;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/auth/register")
        .jsonBody("{\"email\":\"" + PrimingData.EMAIL + "\",\"password\":\"priming-password\",\"name\":\"Priming\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Body body = request.body(Body.class);
    User user = users.register(body.email(), body.password(), body.name(), body.age());
    return ApiResponse.created("/users/" + user.id(), UserViews.full(user)).withETag(user.version());
  }
}
