package dev.blog.users;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.security.Role;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.UserPatch;
import dev.blog.core.user.UserService;

/**
 * {@code PUT /users/{id}} with {@code {name?, email?, age?, role?, currentPassword?}}: the user themselves or an
 * admin; only an admin may send {@code role}; a user changing their own email sends their current password. Absent
 * fields stay as they are; {@code "age": null} clears the age.
 */
public final class UpdateUserHandler extends ApiHandler {
  record Body(String name, String email, Integer age, Role role, String currentPassword) {
    @Override
    public String toString() {
      return "Body[name=" + name + ", email=" + email + ", age=" + age + ", role=" + role + ", currentPassword="
          + (currentPassword == null ? "null" : "<redacted>") + "]";
    }
  }

  private final UserService users;

  public UpdateUserHandler() {
    this(UsersComponent.create());
  }

  private UpdateUserHandler(UsersComponent c) {
    this(c.users(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  UpdateUserHandler(UserService users, Json json) {
    super(json);
    this.users = users;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("PUT", "/users/{id}").pathParameter("id", PrimingData.USER_ID).asAdmin()
        .header("if-match", "\"1\"").jsonBody("{\"name\":\"Priming Renamed\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String id = request.pathParameter("id");
    // Only the age can be cleared ("age": null); a null for any other field is a 400.
    ApiRequest.Patch<Body> sent = request.patchBody(Body.class, "age");
    Body body = sent.fields();
    UserPatch patch = new UserPatch(body.name(), body.email(), body.age(), sent.sentNull("age"), body.role(),
        body.currentPassword());
    return UserResponses.full(users.update(request.caller(), id, patch, request.ifMatch()));
  }
}
