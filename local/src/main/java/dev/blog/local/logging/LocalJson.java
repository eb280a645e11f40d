package dev.blog.local.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON the local stack writes itself: its log lines and its own small bodies, always through Jackson, so a
 * value with a quote, a newline or a brace in it (a path, an error message, a function's payload) can neither
 * break a line nor forge a field or another line.
 */
public final class LocalJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private LocalJson() {}

  /**
   * One log line: {@code {"source": ..., "message": ..., <fields>}}; {@code fields} are name/value pairs, a null
   * value is left out.
   */
  public static String line(String source, String message, Object... fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("source", source);
    line.put("message", message);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i + 1] != null) {
        line.put(String.valueOf(fields[i]), fields[i + 1]);
      }
    }
    return write(line);
  }

  /** API Gateway's own answers have exactly this body: {@code {"message": "..."}}. */
  public static byte[] message(String text) {
    return write(Map.of("message", text)).getBytes(StandardCharsets.UTF_8);
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
