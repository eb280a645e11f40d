package dev.blog.graphql.internal;

import dev.blog.core.error.DomainException;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.Forbidden;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.Locked;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.error.FieldError;
import dev.blog.core.json.Json;
import dev.blog.core.http.RequestLog;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one mapping from failures to GraphQL errors, as {@code Problems} is for REST: a
 * {@link DomainException} keeps its message and gets the contract's {@code extensions.code} (an exhaustive
 * switch over the sealed type); anything else is logged and answered "Internal server error" with nothing
 * of the internals.
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

  /**
   * The contract's code for each domain error. A stale expectedVersion is a conflict with another write;
   * a lockout and an unavailable store both mean "not now, later" (with {@code retryAfter} in seconds).
   */
  static Map<String, Object> extensions(DomainException error) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    switch (error) {
      case Invalid e -> {
        extensions.put("code", BAD_USER_INPUT);
        List<Map<String, String>> fields = new ArrayList<>();
        for (FieldError field : e.errors()) {
          fields.add(Map.of("field", field.field(), "message", field.message()));
        }
        extensions.put("errors", fields);
      }
      case Unauthenticated e -> extensions.put("code", UNAUTHENTICATED);
      case Forbidden e -> extensions.put("code", FORBIDDEN);
      case NotFound e -> extensions.put("code", NOT_FOUND);
      case Conflict e -> extensions.put("code", CONFLICT);
      case PreconditionFailed e -> extensions.put("code", CONFLICT);
      case Locked e -> {
        extensions.put("code", SERVICE_UNAVAILABLE);
        extensions.put("retryAfter", seconds(e.retryAfter()));
      }
      case Unavailable e -> {
        extensions.put("code", SERVICE_UNAVAILABLE);
        extensions.put("retryAfter", seconds(e.retryAfter()));
      }
    }
    return extensions;
  }

  /** The specification's answer to a request refused before execution: {@code data} null, one coded error. */
  public Map<String, Object> refused(DomainException error) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("errors", List.of(Map.of("message", error.detail(), "extensions", extensions(error))));
    answer.put("data", null);
    return answer;
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters p) {
    Throwable failure = p.getException();
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause(); // a failed DataLoader batch arrives wrapped
    }
    Map<String, Object> extensions;
    String message;
    if (failure instanceof DomainException e) {
      message = e.detail();
      extensions = extensions(e);
    } else {
      var env = p.getDataFetchingEnvironment();
      log.failure(Resolvers.logger(env), Resolvers.requestId(env), "POST /graphql " + p.getPath(), failure);
      message = "Internal server error";
      extensions = Map.of("code", INTERNAL_SERVER_ERROR);
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
      // Introspection is disabled only for a request without a caller (GraphQLApi): that request is unauthenticated.
      extensions.putIfAbsent("code", "IntrospectionDisabled".equals(extensions.get("classification")) ? UNAUTHENTICATED
          : BAD_USER_INPUT);
      error.put("extensions", extensions);
      coded.add(error);
    }
    Map<String, Object> answer = new LinkedHashMap<>(result);
    answer.put("errors", coded);
    return answer;
  }
}
