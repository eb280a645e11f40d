package dev.blog.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;

/**
 * One JSON line per request: requestId, route, status, latency, userId. Never bodies, headers, tokens or
 * hashes: what may be logged is chosen field by field here, not filtered out afterwards.
 */
public final class RequestLog {
  private final Json json;

  public RequestLog(Json json) {
    this.json = json;
  }

  public void request(Context context, String requestId, String route, int status, long latencyMs, String userId) {
    LogLine.of("request").with("requestId", requestId).with("route", route).with("status", status)
        .with("latencyMs", latencyMs).with("userId", userId)
        .log(context, json, status >= 500 ? LogLevel.ERROR : LogLevel.INFO);
  }

  /** An unexpected failure: the class and stack go to the log (for the operator), never to the client. */
  public void failure(Context context, String requestId, String route, Throwable error) {
    failureLine(requestId, route, error).log(context, json, LogLevel.ERROR);
  }

  /** The same where only the logger is at hand (a GraphQL resolver). */
  public void failure(LambdaLogger logger, String requestId, String route, Throwable error) {
    failureLine(requestId, route, error).log(logger, json, LogLevel.ERROR);
  }

  private static LogLine failureLine(String requestId, String route, Throwable error) {
    return LogLine.of("unhandled error").with("requestId", requestId).with("route", route)
        .with("error", error.getClass().getName()).with("stack", stackOf(error));
  }

  private static String stackOf(Throwable error) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      out.append(t.getClass().getName()).append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, 25); i++) {
        out.append("  at ").append(frames[i]).append('\n');
      }
    }
    return out.toString();
  }
}
