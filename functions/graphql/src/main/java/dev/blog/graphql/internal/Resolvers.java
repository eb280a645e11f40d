package dev.blog.graphql.internal;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.post.PostPatch;
import dev.blog.core.post.PostService;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.user.UserListing;
import dev.blog.core.user.UserPatch;
import dev.blog.core.user.UserService;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every field of the schema, resolved by the same services as the REST routes: the services decide who
 * may do what and validate, so GraphQL and REST have one set of rules. A resolver only reads arguments,
 * calls a service and maps to {@link Views}.
 */
public final class Resolvers {
  private static final String CALLER = "caller";
  private static final String REQUEST_ID = "requestId";
  private static final String LOGGER = "logger";
  private static final int MAX_LIMIT = 100;
  private static final int DEFAULT_LIMIT = 20;

  private Resolvers() {}

  /**
   * The request's GraphQL context: the caller the authorizer let through, if any, and where an internal
   * error is logged (the invocation's logger and request id).
   */
  public static Map<String, Object> context(Optional<Caller> caller, String requestId, LambdaLogger logger) {
    Map<String, Object> context = new HashMap<>();
    caller.ifPresent(c -> context.put(CALLER, c));
    context.put(REQUEST_ID, requestId);
    context.put(LOGGER, logger);
    return context;
  }

  static String requestId(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(REQUEST_ID);
  }

  static LambdaLogger logger(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(LOGGER);
  }

  public static RuntimeWiring wiring(UserService users, PostService posts) {
    return RuntimeWiring.newRuntimeWiring()
        .type("Query", type -> type
            .dataFetcher("me", env -> Views.user(users.me(caller(env)), true))
            .dataFetcher("user", env -> {
              UserService.Visible visible = users.view(caller(env), env.getArgument("id"));
              return Views.user(visible.user(), visible.full());
            })
            .dataFetcher("users", env -> {
              UserListing page = users.list(caller(env), limit(env), text(env, "cursor"), text(env, "emailContains"));
              Map<String, Object> view = new HashMap<>();
              view.put("items", page.users().stream().map(u -> Views.user(u, true)).toList()); // staff only
              view.put("nextCursor", page.nextCursor());
              view.put("total", page.total());
              return view;
            })
            .dataFetcher("post", env -> Views.post(posts.get(caller(env), env.getArgument("id"))))
            .dataFetcher("posts", env -> Views.posts(posts.list(caller(env), text(env, "authorId"),
                Optional.ofNullable(env.getArgument("published")), limit(env), text(env, "cursor")))))
        .type("Mutation", type -> type
            .dataFetcher("createUser", env -> {
              Caller caller = caller(env);
              Map<String, Object> input = env.getArgument("input");
              rejectNulls(input, "age", "role"); // optional on create, but never null: as REST
              Role role = Role.fromWire((String) input.get("role")).orElse(Role.USER);
              return Views.user(users.create(caller, (String) input.get("email"), (String) input.get("password"),
                  (String) input.get("name"), (Integer) input.get("age"), role), true);
            })
            .dataFetcher("updateUser", env -> {
              Caller caller = caller(env);
              Map<String, Object> input = env.getArgument("input");
              rejectNulls(input, "name", "email", "role", "currentPassword");
              boolean removeAge = input.containsKey("age") && input.get("age") == null;
              Role role = input.get("role") == null ? null : Role.fromWire((String) input.get("role")).orElseThrow();
              UserPatch patch = new UserPatch((String) input.get("name"), (String) input.get("email"),
                  (Integer) input.get("age"), removeAge, role, (String) input.get("currentPassword"));
              return Views.user(users.update(caller, env.getArgument("id"), patch, expectedVersion(env)), true);
            })
            .dataFetcher("deleteUser", env -> {
              users.delete(caller(env), env.getArgument("id"), expectedVersion(env));
              return true;
            })
            .dataFetcher("createPost", env -> {
              Caller caller = caller(env);
              Map<String, Object> input = env.getArgument("input");
              rejectNulls(input, "published");
              return Views.post(posts.create(caller, (String) input.get("title"), (String) input.get("content"),
                  (Boolean) input.get("published")));
            })
            .dataFetcher("updatePost", env -> {
              Caller caller = caller(env);
              Map<String, Object> input = env.getArgument("input");
              rejectNulls(input, "title", "content", "published");
              PostPatch patch = new PostPatch((String) input.get("title"), (String) input.get("content"),
                  (Boolean) input.get("published"));
              return Views.post(posts.update(caller, env.getArgument("id"), patch, expectedVersion(env)));
            })
            .dataFetcher("deletePost", env -> {
              posts.delete(caller(env), env.getArgument("id"), expectedVersion(env));
              return true;
            }))
        .type("User", type -> type
            .dataFetcher("posts", env -> {
              Caller caller = caller(env);
              String authorId = (String) env.<Map<String, Object>>getSource().get("id");
              int limit = limit(env);
              Optional<String> cursor = text(env, "cursor");
              if (cursor.isPresent()) {
                return Views.posts(posts.byAuthor(caller, authorId, limit, cursor));
              }
              // Batched: one store round trip set for all the users of this level (FirstPostsLoader).
              return env.getDataLoader(FirstPostsLoader.NAME).load(new FirstPostsLoader.Key(authorId, limit));
            }))
        .build();
  }

  /** Every field needs a caller; without one (no authorizer context) each field answers UNAUTHENTICATED. */
  static Caller caller(DataFetchingEnvironment env) {
    Caller caller = env.getGraphQlContext().get(CALLER);
    if (caller == null) {
      throw new Unauthenticated("A valid bearer token is needed");
    }
    return caller;
  }

  private static int limit(DataFetchingEnvironment env) {
    Integer limit = env.getArgument("limit");
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Invalid.field("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static Optional<String> text(DataFetchingEnvironment env, String name) {
    return Optional.ofNullable(env.<String>getArgument(name));
  }

  private static OptionalLong expectedVersion(DataFetchingEnvironment env) {
    Integer version = env.getArgument("expectedVersion");
    return version == null ? OptionalLong.empty() : OptionalLong.of(version);
  }

  /** As in REST: a null only where a field can be cleared (updateUser's age), never for the other fields. */
  private static void rejectNulls(Map<String, Object> input, String... fields) {
    for (String field : fields) {
      if (input.containsKey(field) && input.get(field) == null) {
        throw Invalid.field(field, "must not be null");
      }
    }
  }
}
