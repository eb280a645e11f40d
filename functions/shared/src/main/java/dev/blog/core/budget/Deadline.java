package dev.blog.core.budget;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The end of the current invocation, for the SDK clients: each edge (the HTTP handler base, the queue and
 * stream handlers) runs its work {@link #within} the time Lambda gives it, and before every SDK call this
 * interceptor refuses to start one that could not finish, with the answer written, before that end: it fails
 * as the SDK fails a call that got no answer ({@link SdkClientException}), which the stores turn into
 * "unavailable, retry later". Outside an invocation (SnapStart priming, tools) nothing is checked.
 */
public final class Deadline implements ExecutionInterceptor {
  private static final ThreadLocal<Long> END = new ThreadLocal<>();

  private final TimeBudget budget;

  public Deadline(TimeBudget budget) {
    this.budget = budget;
  }

  /** Runs {@code work} with the invocation ending {@code remainingMillis} from now. */
  public static <T> T within(long remainingMillis, Supplier<T> work) {
    Long outer = END.get();
    END.set(System.currentTimeMillis() + remainingMillis);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        END.remove();
      } else {
        END.set(outer);
      }
    }
  }

  /** Milliseconds left of the current invocation, or {@link Long#MAX_VALUE} outside one. */
  public static long remainingMillis() {
    Long end = END.get();
    return end == null ? Long.MAX_VALUE : end - System.currentTimeMillis();
  }

  /** Whether a call of this budget may still start: its whole budget and the answer fit before the end. */
  public boolean allowsCall() {
    return remainingMillis() >= budget.callTimeout().plus(budget.answerReserve()).toMillis();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!allowsCall()) {
      throw SdkClientException.create("Not started: " + remainingMillis() + " ms are left of the invocation, less than "
          + "one call's budget (" + budget.callTimeout().toMillis() + " ms) and the answer");
    }
  }
}
