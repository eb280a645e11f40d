package dev.blog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How one function is benchmarked: its sample event from events/, made valid for every invocation, and
 * the answers that count as success. The event is a template for the harness: {@code {{n}}} (the
 * invocation's index, unique per function across the whole bench), {@code {{v}}} (n + 1) and
 * {@code {{n12}}} (n as 12 digits) let a mutating function get a fresh, valid request each time.
 *
 * @param eventJson the event template
 * @param expected the statuses of a correct answer (HTTP status, or authorized for the authorizer)
 * @param note what the reader of the table should know about this row
 * @param maxWarmCalls at most this many warm calls: an Argon2id call costs tenths of a second on one CPU,
 *     so 1000 of them would take minutes per function and say nothing more than 100 do
 */
record BenchScenario(String functionId, String eventJson, Set<String> expected, String note, int maxWarmCalls) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ARGON2_WARM_CALLS = 100;
  /** The functions whose request makes exactly one store read (a GetItem): their overhead is warm minus store. */
  private static final Set<String> SINGLE_READ = Set.of("GetMeFunction", "GetUserFunction", "GetPostFunction");
  /** The functions whose request hashes or verifies a password (Argon2id): the budget's ratio leaves them out. */
  private static final Set<String> PASSWORD_HASHING = Set.of("RegisterFunction", "LoginFunction", "CreateUserFunction",
      "ChangePasswordFunction", "PasswordResetConfirmFunction");

  /** Whether the request hashes or verifies a password, which costs the same primed or not. */
  boolean hashesPassword() {
    return hashesPassword(functionId);
  }

  /** Whether function {@code functionId}'s request hashes or verifies a password (with a scenario or not). */
  static boolean hashesPassword(String functionId) {
    return PASSWORD_HASHING.contains(functionId);
  }

  /** Whether the request makes exactly one store read and nothing else: warm minus store is the function's own cost. */
  boolean singleRead() {
    return SINGLE_READ.contains(functionId);
  }

  /** The scenario of a function, or empty when the bench has none for it (the queue and schedule functions). */
  static Optional<BenchScenario> of(String functionId, Path projectDir, BenchFixtures fixtures, Map<String, String> env) {
    return switch (functionId) {
      case "RegisterFunction" -> Optional.of(scenario(functionId, projectDir, "register.json", Set.of("201"),
          "Argon2id hash per call; a new email each call", e -> bodyField(e, "email", "bench-register-{{n}}@example.com")));
      case "LoginFunction" -> Optional.of(scenario(functionId, projectDir, "login.json", Set.of("200"),
          "Argon2id verify per call; signs a token", e -> {}));
      case "JwksFunction" -> Optional.of(scenario(functionId, projectDir, "jwks.json", Set.of("200"), "", e -> {}));
      case "AuthorizerFunction" -> {
        String token = "Bearer " + fixtures.signedToken(BenchFixtures.ADMIN_ID, "admin", env.get("JWT_ISSUER"),
            env.get("JWT_AUDIENCE"));
        yield Optional.of(scenario(functionId, projectDir, "authorizer.json", Set.of("authorized"),
            "a valid ES256 token signed with the local key", e -> {
              e.withArrayProperty("identitySource").removeAll().add(token);
              e.withObjectProperty("headers").put("authorization", token);
            }));
      }
      case "LogoutFunction" -> Optional.of(scenario(functionId, projectDir, "logout.json", Set.of("204"),
          "a transaction per call: the next session epoch and the audit entry", e -> {
            // Each call ends the session the previous one started: the caller's epoch is the call's index.
            ObjectNode caller = e.withObjectProperty("requestContext").withObjectProperty("authorizer")
                .withObjectProperty("lambda");
            caller.put("userId", BenchFixtures.LOGOUT_USER_ID);
            caller.put("sessionEpoch", "{{n}}");
          }));
      case "PasswordResetFunction" -> Optional.of(scenario(functionId, projectDir, "password-reset.json", Set.of("202"),
          "an unknown address each call: the reservation read and the hourly count's write",
          e -> bodyField(e, "email", "bench-reset-{{n}}@example.com")));
      case "GetMeFunction" -> Optional.of(scenario(functionId, projectDir, "get-me.json", Set.of("200"), "", e -> {}));
      case "GetUserFunction" -> Optional.of(scenario(functionId, projectDir, "get-user.json", Set.of("200"),
          "budget reference: an existing user", e -> {}));
      case "ListUsersFunction" -> Optional.of(scenario(functionId, projectDir, "list-users.json", Set.of("200"),
          "limit=10", e -> {}));
      case "CreateUserFunction" -> Optional.of(scenario(functionId, projectDir, "create-user.json", Set.of("201"),
          "Argon2id hash per call; a new email each call", e -> bodyField(e, "email", "bench-create-{{n}}@example.com")));
      case "UpdateUserFunction" -> Optional.of(scenario(functionId, projectDir, "update-user.json", Set.of("200"),
          "a new name each call, If-Match following the version, so every call writes", e -> {
            // An update that changes nothing writes nothing (and keeps the version): change the name each time.
            bodyField(e, "name", "Ada Byron {{n}}");
            ifMatchFollowsTheVersion(e);
          }));
      case "DeleteUserFunction" -> Optional.of(scenario(functionId, projectDir, "delete-user.json", Set.of("204"),
          "deletes a different seeded user each call",
          e -> pathId(e, "/users/", BenchFixtures.DELETABLE_ID_PREFIX + "{{n12}}")));
      case "CreatePostFunction" -> Optional.of(scenario(functionId, projectDir, "create-post.json", Set.of("201"),
          "a transaction per call: post, audit entry, author's counters", e -> bodyField(e, "title", "Bench post {{n}}")));
      case "ListPostsFunction" -> Optional.of(scenario(functionId, projectDir, "list-posts.json", Set.of("200"),
          "limit=10 of everybody's published posts", e -> {}));
      case "GetPostFunction" -> Optional.of(scenario(functionId, projectDir, "get-post.json", Set.of("200"),
          "a published post", e -> {}));
      case "UpdatePostFunction" -> Optional.of(scenario(functionId, projectDir, "update-post.json", Set.of("200"),
          "a new title each call, If-Match following the version, so every call writes", e -> {
            bodyField(e, "title", "Bench title {{n}}");
            ifMatchFollowsTheVersion(e);
          }));
      case "DeletePostFunction" -> Optional.of(scenario(functionId, projectDir, "delete-post.json", Set.of("204"),
          "deletes a different seeded draft each call", e -> {
            pathId(e, "/posts/", BenchFixtures.DELETABLE_POST_PREFIX + "{{n12}}");
            e.withObjectProperty("headers").remove("if-match");
          }));
      case "ListAuditFunction" -> Optional.of(scenario(functionId, projectDir, "list-audit.json", Set.of("200"),
          "limit=10 of the whole log", e -> {}));
      case "GraphQLFunction" -> Optional.of(scenario(functionId, projectDir, "graphql.json", Set.of("200"),
          "the sample query of events/graphql.json", e -> {}));
      default -> Optional.empty();
    };
  }

  private static BenchScenario scenario(String functionId, Path projectDir, String eventFile, Set<String> expected,
      String note, Consumer<ObjectNode> edit) {
    int maxWarm = PASSWORD_HASHING.contains(functionId) ? ARGON2_WARM_CALLS : Integer.MAX_VALUE;
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(projectDir.resolve("events").resolve(eventFile)));
      edit.accept(event);
      return new BenchScenario(functionId, JSON.writeValueAsString(event), expected, note, maxWarm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points the event at another resource: {@code <collection><id>} as its path, {@code id} as its path parameter. */
  private static void pathId(ObjectNode event, String collection, String id) {
    event.put("rawPath", collection + id);
    event.withObjectProperty("requestContext").withObjectProperty("http").put("path", collection + id);
    event.withObjectProperty("pathParameters").put("id", id);
  }

  /** Each call's If-Match is the version the previous call left ({{v}} is n + 1). */
  private static void ifMatchFollowsTheVersion(ObjectNode event) {
    event.withObjectProperty("headers").put("if-match", "\"{{v}}\"");
  }

  /** The body is a JSON string inside the event: parse it, set one field, write it back. */
  private static void bodyField(ObjectNode event, String field, String value) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asText());
      body.put(field, value);
      event.put("body", JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
