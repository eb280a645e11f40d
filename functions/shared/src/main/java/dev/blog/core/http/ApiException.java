package dev.blog.core.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one exception type that carries an HTTP answer. Anything thrown that is not an ApiException is
 * unexpected: {@link ApiHandler} logs it and answers a generic 500.
 *
 * <p>{@code detail} is shown to the client, so it must never hold internals (SDK messages, class names).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public ApiException(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
    super(detail, null, false, false); // no stack trace: these are answers, not bugs
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  private ApiException(int status, String title, String detail) {
    this(status, title, detail, List.of(), Map.of());
  }

  public static ApiException validation(List<FieldError> errors) {
    String detail = errors.size() == 1
        ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new ApiException(400, "Invalid request", detail, errors, Map.of());
  }

  public static ApiException invalidField(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad request", detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not found", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "Conflict", detail);
  }

  public static ApiException preconditionFailed(String detail) {
    return new ApiException(412, "Precondition failed", detail);
  }

  public static ApiException payloadTooLarge(String detail) {
    return new ApiException(413, "Payload too large", detail);
  }

  public static ApiException unsupportedMediaType(String detail) {
    return new ApiException(415, "Unsupported media type", detail);
  }

  public static ApiException tooManyRequests(String detail, Duration retryAfter) {
    return new ApiException(429, "Too many requests", detail, List.of(), retryAfter(retryAfter));
  }

  public static ApiException serviceUnavailable(String detail, Duration retryAfter) {
    return new ApiException(503, "Service unavailable", detail, List.of(), retryAfter(retryAfter));
  }

  private static Map<String, String> retryAfter(Duration wait) {
    // Retry-After is in whole seconds; round up so a client never retries too early.
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return Map.of("Retry-After", Long.toString(seconds));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
