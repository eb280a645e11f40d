package dev.blog.core.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The Retry-After of a store that cannot answer: how long this function instance backs off from the store, not a
 * constant. It starts where the SDK's own back-off left off (the client has already retried within its budget:
 * 2 s after throttling, which needs capacity to grow, 1 s after a 5xx or no answer) and doubles with each
 * consecutive call that finds the store unavailable, up to 30 s; the first call that succeeds brings it back.
 * One per instance, the store being the same for all of its requests; it sees every DynamoDB call as an
 * interceptor of the client (AwsClientsModule).
 */
public final class StoreBackoff implements ExecutionInterceptor {
  public static final StoreBackoff INSTANCE = new StoreBackoff();
  static final Duration AFTER_THROTTLING = Duration.ofSeconds(2);
  static final Duration AFTER_FAILURE = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(30);

  private final AtomicInteger unavailableInARow = new AtomicInteger();

  StoreBackoff() {}

  /** The Retry-After of this unavailable call, and one step further for the next. */
  Duration next(boolean throttled) {
    int step = Math.min(unavailableInARow.getAndIncrement(), 5);
    Duration wait = (throttled ? AFTER_THROTTLING : AFTER_FAILURE).multipliedBy(1L << step);
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }

  /** The store answered: the next outage starts from the beginning. */
  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    unavailableInARow.set(0);
  }
}
