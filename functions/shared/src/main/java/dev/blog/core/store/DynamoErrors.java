package dev.blog.core.store;

import dev.blog.core.error.DomainException.Unavailable;
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
  private DynamoErrors() {}

  public static RuntimeException translate(SdkException e) {
    if (isTransient(e)) {
      return unavailable(e);
    }
    return new StoreException("DynamoDB request failed: " + e.getMessage(), e);
  }

  /**
   * The store is busy or unreachable; {@code cause}, if any, is for the log only. Its Retry-After follows this
   * instance's back-off from the store ({@link StoreBackoff}); no cause is a throttled store (unprocessed keys).
   */
  public static Unavailable unavailable(Throwable cause) {
    boolean throttled = cause == null || cause instanceof SdkServiceException service && service.isThrottlingException();
    return new Unavailable("The data store is busy; retry after the given delay",
        StoreBackoff.INSTANCE.next(throttled), cause);
  }

  static boolean isTransient(SdkException e) {
    if (e instanceof SdkServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    // No answer at all (connection refused, timeout): the store is unavailable, not our input wrong.
    return e instanceof SdkClientException;
  }
}
