package dev.blog.core.http;

/**
 * The HTTP envelope itself is unacceptable, before any domain rule applies: a body over the contract's
 * 64 KiB (413) or not JSON at all (415). Only {@link ApiRequest} throws it and only {@link ApiHandler} maps
 * it; everything the domain refuses is a {@link dev.blog.core.error.DomainException}.
 */
public final class RequestRejected extends RuntimeException {
  /** The two ways an envelope is refused, with their status and title. */
  public enum Reason {
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type");

    final int status;
    final String title;

    Reason(int status, String title) {
      this.status = status;
      this.title = title;
    }
  }

  private final Reason reason;

  RequestRejected(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public int status() {
    return reason.status;
  }
}
