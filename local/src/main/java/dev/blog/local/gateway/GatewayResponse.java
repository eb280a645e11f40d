package dev.blog.local.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer the gateway is building: status, headers (names as set, matched case-insensitively) and body. */
final class GatewayResponse {
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private int status = 200;
  private byte[] body;

  /** The gateway's own answer: {@code {"message": "..."}}, the fixed bodies API Gateway answers with. */
  GatewayResponse message(int value, String text) {
    return status(value).set("Content-Type", "application/json")
        .body(("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  GatewayResponse status(int value) {
    this.status = value;
    return this;
  }

  GatewayResponse body(byte[] value) {
    this.body = value;
    return this;
  }

  /** Replaces every value of the header. */
  GatewayResponse set(String name, String value) {
    headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    headers.put(name, new ArrayList<>(List.of(value)));
    return this;
  }

  /** Adds a value to the header. */
  GatewayResponse add(String name, String value) {
    headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
        .ifPresentOrElse(e -> e.getValue().add(value), () -> headers.put(name, new ArrayList<>(List.of(value))));
    return this;
  }

  boolean has(String name) {
    return headers.keySet().stream().anyMatch(existing -> existing.equalsIgnoreCase(name));
  }

  int status() {
    return status;
  }

  /** The body to send, or null for none (always none for 204 and 304). */
  byte[] body() {
    return body == null || body.length == 0 || status == 204 || status == 304 ? null : body;
  }

  /** The headers to send: JSON is the content type of a body that names none. */
  Map<String, List<String>> headers() {
    if (body() != null && !has("Content-Type")) {
      set("Content-Type", "application/json");
    }
    return headers;
  }

  /** Every value of the header, joined with commas, or null. */
  String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
        .map(e -> String.join(",", e.getValue())).orElse(null);
  }
}
