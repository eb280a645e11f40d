package dev.blog.core.logging;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured log line, written by Jackson: a value with a quote, a newline or a brace in it is escaped,
 * so it can neither break the line nor forge another field or line. What may be logged is chosen field by
 * field by the caller; bodies, tokens, hashes and keys never are.
 */
public final class LogLine {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private LogLine(String message) {
    fields.put("message", message);
  }

  public static LogLine of(String message) {
    return new LogLine(message);
  }

  /** Adds a field; a null value is left out. Values are strings, numbers, booleans, or maps and lists of them. */
  public LogLine with(String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  public String toJson(Json json) {
    return json.write(fields);
  }

  public void log(LambdaLogger logger, Json json, LogLevel level) {
    logger.log(toJson(json) + "\n", level);
  }

  public void log(LambdaLogger logger, Json json) {
    log(logger, json, LogLevel.INFO);
  }
}
