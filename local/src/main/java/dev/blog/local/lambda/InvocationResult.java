package dev.blog.local.lambda;

import dev.blog.local.logging.LocalJson;
import java.util.Map;

/**
 * What one invocation gave: the function's response payload (JSON), or its error (the runtime's error
 * JSON, a timeout, or a crashed environment), and how long it took, including any cold start.
 */
public record InvocationResult(boolean succeeded, String payload, long initMillis, long durationMillis) {
  public static InvocationResult failure(String errorType, String message, long initMillis, long durationMillis) {
    // The runtime API's error shape.
    String json = LocalJson.write(Map.of("errorType", errorType, "errorMessage", message));
    return new InvocationResult(false, json, initMillis, durationMillis);
  }
}
