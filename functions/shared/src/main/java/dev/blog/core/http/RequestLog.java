package dev.blog.core.http;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per request: requestId, route, status, latency, userId. Never bodies, headers, tokens or
 * hashes: what may be logged is chosen field by field here, not filtered out afterwards.
 */
public final class RequestLog {
  private final Json json;

  public RequestLog(Json json) {
    this.json = json;
  }

  public void request(LambdaLogger logger, String requestId, String route, int status, long latencyMs, String userId) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("message", "request");
    line.put("requestId", requestId);
    line.put("route", route);
    line.put("status", status);
    line.put("latencyMs", latencyMs);
    if (userId != null) {
      line.put("userId", userId);
    }
    logger.log(json.write(line), status >= 500 ? LogLevel.ERROR : LogLevel.INFO);
  }

  /** An unexpected failure: the class and stack go to the log (for the operator), never to the client. */
  public void failure(LambdaLogger logger, String requestId, String route, Throwable error) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("message", "unhandled error");
    line.put("requestId", requestId);
    line.put("route", route);
    line.put("error", error.getClass().getName());
    line.put("stack", stackOf(error));
    logger.log(json.write(line), LogLevel.ERROR);
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
