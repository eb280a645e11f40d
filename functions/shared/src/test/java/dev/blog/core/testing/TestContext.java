package dev.blog.core.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.UUID;

/**
 * A Lambda context for calling handlers directly in tests: 10 seconds always left, or, {@link #withTimeout}, an
 * invocation whose time runs out as Lambda's does.
 */
public final class TestContext implements Context {
  private final String requestId = UUID.randomUUID().toString();
  private final CapturingLogger logger = new CapturingLogger();
  private final long deadlineMillis;

  public TestContext() {
    this.deadlineMillis = 0;
  }

  private TestContext(long deadlineMillis) {
    this.deadlineMillis = deadlineMillis;
  }

  /** An invocation of a function with {@code timeout}, starting now. */
  public static TestContext withTimeout(java.time.Duration timeout) {
    return new TestContext(System.currentTimeMillis() + timeout.toMillis());
  }

  public CapturingLogger logs() {
    return logger;
  }

  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return "/aws/lambda/test"; }
  @Override public String getLogStreamName() { return "test"; }
  @Override public String getFunctionName() { return "test"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:test"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() {
    return deadlineMillis == 0 ? 10_000 : (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() { return logger; }
}
