package dev.blog.graphql;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostService;
import dev.blog.core.security.Caller;
import dev.blog.core.user.UserService;
import dev.blog.graphql.internal.ErrorCodes;
import dev.blog.graphql.internal.FirstPostsLoader;
import dev.blog.graphql.internal.RequestBudget;
import dev.blog.graphql.internal.Resolvers;
import dev.blog.graphql.internal.ResultTree;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.introspection.Introspection;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.dataloader.DataLoaderRegistry;

/**
 * The GraphQL schema (src/main/resources/dev/blog/graphql/schema.graphqls) wired to the same services as
 * the REST routes, built once per instance, at init. One request: {@link #execute}.
 */
public final class GraphQLApi {
  private final GraphQL graphQL;
  private final PostService posts;
  private final ErrorCodes errors;
  private final Json json;

  public GraphQLApi(UserService users, PostService posts, Json json) {
    this.posts = posts;
    this.json = json;
    this.errors = new ErrorCodes(json);
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(schemaText()),
        Resolvers.wiring(users, posts));
    this.graphQL = GraphQL.newGraphQL(schema)
        .instrumentation(new RequestBudget())
        .defaultDataFetcherExceptionHandler(errors)
        .build();
  }

  /**
   * Runs one request as {@code caller} (empty: none, so every field answers UNAUTHENTICATED); an internal
   * error is logged to {@code logger} with {@code requestId}, as the REST handlers log theirs.
   */
  public JsonNode execute(String query, String operationName, Map<String, Object> variables,
      Optional<Caller> caller, String requestId, LambdaLogger logger) {
    DataLoaderRegistry loaders = new DataLoaderRegistry();
    caller.ifPresent(c -> loaders.register(FirstPostsLoader.NAME, FirstPostsLoader.create(posts, c)));
    ExecutionInput input = ExecutionInput.newExecutionInput()
        .query(query)
        .operationName(operationName)
        .variables(variables)
        .graphQLContext(Resolvers.context(caller, requestId, logger))
        // Introspection is for a signed-in caller, as every other field: without one it answers UNAUTHENTICATED.
        .graphQLContext(b -> b.put(Introspection.INTROSPECTION_DISABLED, caller.isEmpty()))
        .dataLoaderRegistry(loaders)
        .build();
    return ResultTree.of(errors.withCodes(graphQL.execute(input).toSpecification()), json.mapper());
  }

  /**
   * The answer to a request refused before it ran (its session ended, or could not be read): no data, one error
   * with the contract's code, as a resolver's domain error is answered.
   */
  public JsonNode refused(dev.blog.core.error.DomainException error) {
    return ResultTree.of(errors.refused(error), json.mapper());
  }

  private static String schemaText() {
    try (InputStream in = GraphQLApi.class.getResourceAsStream("schema.graphqls")) {
      if (in == null) {
        throw new IllegalStateException("schema.graphqls is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
