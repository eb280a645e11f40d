package dev.blog.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.json.Json;
import dev.blog.core.security.Role;
import dev.blog.core.user.UserPatch;
import dev.blog.core.user.UserService;

/**
 * {@code PUT /users/{id}} with {@code {name?, email?, age?, role?}}: the user themselves or an admin; only
 * an admin may send {@code role}. Absent fields stay as they are; {@code "age": null} clears the age.
 */
public final class UpdateUserHandler extends ApiHandler {
  record Body(String name, String email, Integer age, Role role) {}

  private final UserService users;
  private final Json json;

  public UpdateUserHandler() {
    this(UsersComponent.create());
  }

  private UpdateUserHandler(UsersComponent c) {
    this(c.users(), c.json());
  }

  UpdateUserHandler(UserService users, Json json) {
    super(json);
    this.users = users;
    this.json = json;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    String id = request.pathParameter("id");
    JsonNode tree = request.bodyTree();
    Body body = json.convert(tree, Body.class);
    Json.rejectNulls(tree, "name", "email", "role");
    boolean removeAge = tree.has("age") && tree.get("age").isNull();
    UserPatch patch = new UserPatch(body.name(), body.email(), body.age(), removeAge, body.role());
    return UserResponses.full(users.update(request.caller(), id, patch, request.ifMatch()));
  }
}
