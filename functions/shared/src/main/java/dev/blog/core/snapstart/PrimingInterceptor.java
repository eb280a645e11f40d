package dev.blog.core.snapstart;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Stops a priming request at the last moment before it would go on the wire: the SDK has resolved the
 * endpoint, marshalled the request and run every stage up to transmission (which is what a first
 * request pays for), and nothing is sent, no connection opened, nothing written.
 */
public final class PrimingInterceptor implements ExecutionInterceptor {
  public static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("dev.blog.priming");

  /** What a primed request ends with. */
  public static final class NotSent extends RuntimeException {
    NotSent() {
      super("priming request, deliberately not sent", null, false, false);
    }
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(PRIMING))) {
      throw new NotSent();
    }
  }
}
