package dev.blog.core.error;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the domain answers when it cannot do what was asked: the one failure vocabulary of services, stores
 * and their helpers. It says nothing of HTTP, GraphQL or SQS; each edge maps it exhaustively with a
 * {@code switch} over this sealed type (REST: {@code dev.blog.core.http.Problems}, GraphQL: its error codes,
 * the email worker: retry or dead-letter), so a new case does not compile until every edge handles it.
 *
 * <p>{@link #getMessage()} is shown to clients, so it must never hold internals (SDK messages, class names,
 * keys). Anything that is not a DomainException is a bug or an outage nobody planned for: every edge logs it
 * and answers a generic internal error.
 */
public abstract sealed class DomainException extends RuntimeException {

  private DomainException(String detail, Throwable cause) {
    super(Objects.requireNonNull(detail), cause, false, false); // answers, not bugs: no stack trace
  }

  /** The client-safe explanation. */
  public String detail() {
    return getMessage();
  }

  /** The thing asked for does not exist, or is not visible to the caller (the same answer for both). */
  public static final class NotFound extends DomainException {
    public NotFound(String detail) {
      super(detail, null);
    }
  }

  /** The caller is known but may not do this. */
  public static final class Forbidden extends DomainException {
    public Forbidden(String detail) {
      super(detail, null);
    }
  }

  /** The caller is not (or no longer) known: no caller, bad credentials, an ended session. */
  public static final class Unauthenticated extends DomainException {
    public Unauthenticated(String detail) {
      super(detail, null);
    }
  }

  /** The request clashes with the stored state (an email taken, a rule about the current state). */
  public static final class Conflict extends DomainException {
    public Conflict(String detail) {
      super(detail, null);
    }
  }

  /** The caller's expected version of the thing is not the stored one: read again, then retry. */
  public static final class PreconditionFailed extends DomainException {
    public PreconditionFailed(String detail) {
      super(detail, null);
    }
  }

  /** The input breaks the rules; {@link #errors()} names every bad field. */
  public static final class Invalid extends DomainException {
    private final List<FieldError> errors;

    public Invalid(List<FieldError> errors) {
      super(describe(errors), null);
      this.errors = List.copyOf(errors);
    }

    /** One bad field. */
    public static Invalid field(String field, String message) {
      return new Invalid(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
      return errors;
    }

    private static String describe(List<FieldError> errors) {
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("An invalid input names at least one field");
      }
      return errors.size() == 1
          ? errors.get(0).field() + ": " + errors.get(0).message()
          : errors.size() + " fields are invalid";
    }
  }

  /**
   * A dependency (the store, a queue) is throttled, failing or too slow right now; the same request may
   * succeed after {@link #retryAfter()}. Nothing was changed, or the change was completed: never half of it.
   */
  public static final class Unavailable extends DomainException {
    private final Duration retryAfter;

    public Unavailable(String detail, Duration retryAfter) {
      this(detail, retryAfter, null);
    }

    /** {@code cause} is for the operator's log line only; it never reaches a client. */
    public Unavailable(String detail, Duration retryAfter, Throwable cause) {
      super(detail, cause);
      this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** The caller is shut out for a while (too many failed logins); may try again after {@link #retryAfter()}. */
  public static final class Locked extends DomainException {
    private final Duration retryAfter;

    public Locked(String detail, Duration retryAfter) {
      super(detail, null);
      this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
