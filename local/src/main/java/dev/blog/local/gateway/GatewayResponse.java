package dev.blog.local.gateway;

import dev.blog.local.logging.LocalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The answer the gateway is building: status, headers (names case-insensitive, as in HTTP) and body. */
final class GatewayResponse {
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private int status = 200;
  private byte[] body;

  /** The gateway's own answer: {@code {"message": "..."}}, the fixed bodies API Gateway answers with. */
  GatewayResponse message(int value, String text) {
    return status(value).set("Content-Type", "application/json")
        .body(LocalJson.message(text));
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
    headers.put(name, new ArrayList<>(List.of(value)));
    return this;
  }

  /** Adds a value to the header. */
  GatewayResponse add(String name, String value) {
    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    return this;
  }

  int status() {
    return status;
  }

  /** The body to send, or null for none (always none for 204 and 304). */
  byte[] body() {
    return body == null || body.length == 0 || status == 204 || status == 304 ? null : body;
  }

  /** The headers to send: as set, with JSON the content type of a body that names none. */
  Map<String, List<String>> headersToSend() {
    Map<String, List<String>> send = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    send.putAll(headers);
    if (body() != null) {
      send.putIfAbsent("Content-Type", List.of("application/json"));
    }
    return send;
  }
}
