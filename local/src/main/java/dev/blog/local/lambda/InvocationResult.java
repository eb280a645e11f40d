package dev.blog.local.lambda;

/**
 * What one invocation gave: the function's response payload (JSON), or its error (the runtime's error
 * JSON, a timeout, or a crashed environment), and how long it took, including any cold start.
 */
public record InvocationResult(boolean succeeded, String payload, long initMillis, long durationMillis) {
  public static InvocationResult failure(String errorType, String message, long initMillis, long durationMillis) {
    String json = "{\"errorType\":\"" + escape(errorType) + "\",\"errorMessage\":\"" + escape(message) + "\"}";
    return new InvocationResult(false, json, initMillis, durationMillis);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
