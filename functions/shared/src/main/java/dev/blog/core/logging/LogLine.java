package dev.blog.core.logging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured log event, written by Jackson: a value with a quote, a newline or a brace in it is escaped,
 * so it can neither break the line nor forge another field or line. What may be logged is chosen field by
 * field by the caller; bodies, tokens, hashes and keys never are.
 *
 * <p>Under {@code LogFormat: JSON} the java25 runtime wraps every {@code LambdaLogger.log(String)} line in its own
 * object, our line becoming an escaped string inside {@code message}: none of our fields could be queried and no
 * embedded metric extracted. So the event is written whole, as the runtime writes its own ({@code timestamp},
 * {@code level}, {@code AWSRequestId} beside our fields, at the top level), through the runtime logger's
 * {@code log(byte[], LogLevel)}, which passes bytes on unformatted and still drops a level below the function's
 * ApplicationLogLevel. See https://docs.aws.amazon.com/lambda/latest/dg/java-logging.html#java-logging-advanced
 */
public final class LogLine {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private LogLine(String message) {
    fields.put("message", message);
  }

  public static LogLine of(String message) {
    return new LogLine(message);
  }

  /** Adds a field; a null value is left out. Values are strings, numbers, booleans, or maps and lists of them. */
  public LogLine with(String name, Object value) {
    if (name.equals("timestamp") || name.equals("level")) {
      throw new IllegalArgumentException(name + " is the runtime's field");
    }
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  /** The event as one JSON object: the runtime's {@code timestamp} and {@code level}, then the fields. */
  public String toJson(Json json, LogLevel level) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("timestamp", timestamp(Instant.now()));
    event.put("level", level.name());
    event.putAll(fields);
    return json.write(event);
  }

  /** Writes the event at {@code level}, with the invocation's request id, through the runtime's logger. */
  public void log(Context context, Json json, LogLevel level) {
    with("AWSRequestId", context.getAwsRequestId());
    write(context.getLogger(), toJson(json, level), level);
  }

  public void log(Context context, Json json) {
    log(context, json, LogLevel.INFO);
  }

  /** The same where no invocation context is at hand (the event then carries no request id). */
  public void log(LambdaLogger logger, Json json, LogLevel level) {
    write(logger, toJson(json, level), level);
  }

  public void log(LambdaLogger logger, Json json) {
    log(logger, json, LogLevel.INFO);
  }

  /**
   * One JSON object as one event, unformatted ({@code UNDEFINED} is never filtered: the embedded metric lines,
   * which must reach CloudWatch whatever the function's log level).
   */
  public static void write(LambdaLogger logger, String event, LogLevel level) {
    logger.log((event + "\n").getBytes(StandardCharsets.UTF_8), level);
  }

  /** The runtime's own format: ISO-8601 UTC with milliseconds ({@code 2026-11-23T10:15:30.123Z}). */
  static String timestamp(Instant at) {
    return TIMESTAMP.format(at);
  }
}
