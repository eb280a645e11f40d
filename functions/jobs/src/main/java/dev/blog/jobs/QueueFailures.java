package dev.blog.jobs;

import dev.blog.core.error.DomainException;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.Forbidden;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.Locked;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.error.DomainException.Unavailable;

/**
 * The queue edge's one mapping from domain errors to what becomes of the message, as {@code Problems} is for
 * REST: an exhaustive switch over the sealed {@link DomainException}, so a new kind of error does not compile
 * until the worker knows whether it passes (retry later) or never will (dead-letter queue at once, with the
 * reason, instead of five useless receives).
 */
final class QueueFailures {
  /** What becomes of a message whose processing failed. */
  enum Disposition { RETRY_LATER, DEAD_LETTER }

  private QueueFailures() {}

  static Disposition of(DomainException error) {
    return switch (error) {
      // Transient: the store is throttled or down, a lock or a concurrent change will clear.
      case Unavailable e -> Disposition.RETRY_LATER;
      case Locked e -> Disposition.RETRY_LATER;
      case Conflict e -> Disposition.RETRY_LATER;
      // Permanent: the message itself is wrong, or names what is gone; no receive will ever succeed.
      case Invalid e -> Disposition.DEAD_LETTER;
      case NotFound e -> Disposition.DEAD_LETTER;
      case PreconditionFailed e -> Disposition.DEAD_LETTER;
      case Forbidden e -> Disposition.DEAD_LETTER;
      case Unauthenticated e -> Disposition.DEAD_LETTER;
    };
  }
}
