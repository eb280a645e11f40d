package dev.blog.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * A request as the gateway sees it, whatever HTTP server received it.
 *
 * @param rawPath the path as sent, still percent-encoded (API Gateway matches routes on it)
 * @param rawQuery the query string as sent, or empty
 * @param headers lower-case header names, in arrival order, each with its values
 */
record GatewayRequest(String requestId, String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
    byte[] body, String sourceIp, String protocol) {

  /** The first value of a header, or null. */
  String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
