package dev.blog.graphql.internal;

import dev.blog.core.http.ApiException;
import dev.blog.core.http.FieldError;
import dev.blog.core.http.Json;
import dev.blog.core.http.RequestLog;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one mapping from failures to GraphQL errors, as the central problem+json mapper is for REST: the
 * services' {@link ApiException}s keep their message and get the contract's {@code extensions.code};
 * anything else is logged and answered "Internal server error" with nothing of the internals.
 */
public final class ErrorCodes implements DataFetcherExceptionHandler {
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
  public static final String CONFLICT = "CONFLICT";
  public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
  public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";

  private final RequestLog log;

  public ErrorCodes(Json json) {
    this.log = new RequestLog(json);
  }

  /** REST status to GraphQL code. A stale expectedVersion (412) is a conflict with another write. */
  static String code(int status) {
    return switch (status) {
      case 400, 413, 415 -> BAD_USER_INPUT;
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 409, 412 -> CONFLICT;
      case 429, 503 -> SERVICE_UNAVAILABLE;
      default -> INTERNAL_SERVER_ERROR;
    };
  }

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters p) {
    Throwable failure = p.getException();
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause(); // a failed DataLoader batch arrives wrapped
    }
    Map<String, Object> extensions = new LinkedHashMap<>();
    String message;
    if (failure instanceof ApiException e && code(e.status()) != INTERNAL_SERVER_ERROR) {
      message = e.detail();
      extensions.put("code", code(e.status()));
      if (!e.errors().isEmpty()) {
        List<Map<String, String>> fields = new ArrayList<>();
        for (FieldError error : e.errors()) {
          fields.add(Map.of("field", error.field(), "message", error.message()));
        }
        extensions.put("errors", fields);
      }
    } else {
      var env = p.getDataFetchingEnvironment();
      log.failure(Resolvers.logger(env), Resolvers.requestId(env), "POST /graphql " + p.getPath(), failure);
      message = "Internal server error";
      extensions.put("code", INTERNAL_SERVER_ERROR);
    }
    GraphQLError error = GraphqlErrorBuilder.newError(p.getDataFetchingEnvironment())
        .message("%s", message).extensions(extensions)
        .errorType(ErrorClassification.errorClassification((String) extensions.get("code"))).build();
    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
  }

  /**
   * Errors that graphql-java raised itself (syntax, validation, depth and complexity limits, bad variable
   * values) carry no code: they are all the client's input, so BAD_USER_INPUT.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> withCodes(Map<String, Object> result) {
    Object errors = result.get("errors");
    if (!(errors instanceof List<?> list) || list.isEmpty()) {
      return result;
    }
    List<Map<String, Object>> coded = new ArrayList<>();
    for (Object item : list) {
      Map<String, Object> error = new LinkedHashMap<>((Map<String, Object>) item);
      Map<String, Object> extensions = new LinkedHashMap<>();
      if (error.get("extensions") instanceof Map<?, ?> existing) {
        extensions.putAll((Map<String, Object>) existing);
      }
      extensions.putIfAbsent("code", BAD_USER_INPUT);
      error.put("extensions", extensions);
      coded.add(error);
    }
    Map<String, Object> answer = new LinkedHashMap<>(result);
    answer.put("errors", coded);
    return answer;
  }
}
