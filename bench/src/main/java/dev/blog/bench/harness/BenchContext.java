package dev.blog.bench.harness;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The smallest Context a handler can run with. Compiled against aws-lambda-java-core, but at run time the
 * interface comes from the function's own jar: the harness brings no library of its own.
 */
public final class BenchContext implements Context {
  private final String functionName;
  private final int memoryMb;
  private final int timeoutMillis;
  private final LambdaLogger logger = new BenchLogger();
  private long deadline;
  private long requests;

  public BenchContext(String functionName, int memoryMb, int timeoutSeconds) {
    this.functionName = functionName;
    this.memoryMb = memoryMb;
    this.timeoutMillis = timeoutSeconds * 1000;
  }

  /** Called before each invocation, as the runtime gives every invocation its own id and deadline. */
  void nextInvocation() {
    requests++;
    deadline = System.currentTimeMillis() + timeoutMillis;
  }

  @Override
  public String getAwsRequestId() {
    // Plain StringBuilder, not "+": string concatenation would bootstrap invokedynamic classes in the harness.
    return new StringBuilder("bench-").append(requests).toString();
  }

  @Override
  public String getLogGroupName() {
    return new StringBuilder("/aws/lambda/").append(functionName).toString();
  }

  @Override
  public String getLogStreamName() {
    return "bench";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return new StringBuilder("arn:aws:lambda:us-east-1:000000000000:function:").append(functionName).toString();
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadline - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
