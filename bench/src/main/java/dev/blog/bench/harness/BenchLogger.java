package dev.blog.bench.harness;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * The function's LambdaLogger in a bench child: records go to stderr, which the bench sends to a log file,
 * so a request log line costs about what a write to Lambda's log pipe costs, and never mixes with the
 * harness's protocol on stdout.
 */
public final class BenchLogger implements LambdaLogger {
  @Override
  public void log(String message) {
    System.err.println(message);
  }

  @Override
  public void log(byte[] message) {
    System.err.println(new String(message, StandardCharsets.UTF_8));
  }
}
