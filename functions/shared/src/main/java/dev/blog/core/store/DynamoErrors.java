package dev.blog.core.store;

import dev.blog.core.http.ApiException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Where DynamoDB exceptions become ours (the repository boundary). Throttling and outages are the
 * client's to retry (503 + Retry-After); anything else is ours to fix (logged 500). Conditional failures
 * are decided by the caller, who knows what the condition meant ({@link Transaction}).
 */
public final class DynamoErrors {
  /** Long enough for on-demand capacity to adapt, short enough for an interactive client. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private DynamoErrors() {}

  public static RuntimeException translate(SdkException e) {
    if (isTransient(e)) {
      return unavailable();
    }
    return new StoreException("DynamoDB request failed: " + e.getMessage(), e);
  }

  static ApiException unavailable() {
    return ApiException.serviceUnavailable("The data store is busy; retry after the given delay", RETRY_AFTER);
  }

  static boolean isTransient(SdkException e) {
    if (e instanceof SdkServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    // No answer at all (connection refused, timeout): the store is unavailable, not our input wrong.
    return e instanceof SdkClientException;
  }
}
