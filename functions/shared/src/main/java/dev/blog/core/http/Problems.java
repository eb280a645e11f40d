package dev.blog.core.http;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The REST edge's one mapping from domain errors to HTTP: status, problem+json body (RFC 9457) and headers.
 * The switch is exhaustive over the sealed {@link DomainException}: a new kind of error does not compile
 * until it has its status here.
 */
public final class Problems {
  private Problems() {}

  /** A status, the extra headers it needs, and the problem body. */
  public record Answer(int status, Map<String, String> headers, Problem body) {}

  public static Answer of(DomainException error, String requestId) {
    return switch (error) {
      case Invalid e -> answer(400, "Invalid request", e, requestId, e.errors(), Map.of());
      case Unauthenticated e -> answer(401, "Unauthorized", e, requestId);
      case Forbidden e -> answer(403, "Forbidden", e, requestId);
      case NotFound e -> answer(404, "Not found", e, requestId);
      case Conflict e -> answer(409, "Conflict", e, requestId);
      case PreconditionFailed e -> answer(412, "Precondition failed", e, requestId);
      case Locked e -> answer(429, "Too many requests", e, requestId, List.of(), retryAfter(e.retryAfter()));
      case Unavailable e -> answer(503, "Service unavailable", e, requestId, List.of(), retryAfter(e.retryAfter()));
    };
  }

  public static Answer of(RequestRejected rejected, String requestId) {
    return new Answer(rejected.status(), Map.of(),
        Problem.of(rejected.reason().title, rejected.status(), rejected.getMessage(), requestId, List.of()));
  }

  /** The answer to anything unexpected: it names nothing of the internals; the log line has the rest. */
  public static Answer internal(String requestId) {
    return new Answer(500, Map.of(), Problem.of("Internal server error", 500, "Internal server error", requestId,
        List.of()));
  }

  private static Answer answer(int status, String title, DomainException e, String requestId) {
    return answer(status, title, e, requestId, List.of(), Map.of());
  }

  private static Answer answer(int status, String title, DomainException e, String requestId,
      List<FieldError> errors, Map<String, String> headers) {
    return new Answer(status, headers, Problem.of(title, status, e.detail(), requestId, errors));
  }

  /** Retry-After is in whole seconds (RFC 9110 §10.2.3); rounded up so a client never retries too early. */
  static Map<String, String> retryAfter(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return Map.of("Retry-After", Long.toString(seconds));
  }
}
