package dev.blog.core.store;

import dev.blog.core.error.DomainException.Unavailable;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Where DynamoDB exceptions become ours (the repository boundary). Throttling and outages are the
 * client's to retry ({@link Unavailable}, with a retry-after); anything else is ours to fix (logged, an
 * internal error). Conditional failures are decided by the caller, who knows what the condition meant
 * ({@link Transaction}).
 */
public final class DynamoErrors {
  /** Long enough for on-demand capacity to adapt, short enough for an interactive client. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private DynamoErrors() {}

  public static RuntimeException translate(SdkException e) {
    if (isTransient(e)) {
      return unavailable(e);
    }
    return new StoreException("DynamoDB request failed: " + e.getMessage(), e);
  }

  /** The store is busy or unreachable; {@code cause}, if any, is for the log only. */
  public static Unavailable unavailable(Throwable cause) {
    return new Unavailable("The data store is busy; retry after the given delay", RETRY_AFTER, cause);
  }

  static boolean isTransient(SdkException e) {
    if (e instanceof SdkServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    // No answer at all (connection refused, timeout): the store is unavailable, not our input wrong.
    return e instanceof SdkClientException;
  }
}
