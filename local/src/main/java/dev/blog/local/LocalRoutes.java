package dev.blog.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.local.faults.Faults;
import dev.blog.local.gateway.LocalRoute;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The local stack's own routes (never deployed): the caught emails, firing a schedule now, the faults on the
 * wire, the dead letters and their redrive, the functions' log events and the metrics CloudWatch would extract.
 */
final class LocalRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalRoutes() {}

  static Map<String, LocalRoute> of(LocalStack stack) {
    return Map.of(
        "GET /_local/emails", (path, query, body) -> stack.emailsJson(),
        "POST /_local/trigger/", (path, query, body) -> stack.trigger(path.substring("/_local/trigger/".length())).payload(),
        "GET /_local/faults", (path, query, body) -> stack.faults().toJson(),
        "PUT /_local/faults", (path, query, body) -> {
          stack.faults(parse(body));
          return stack.faults().toJson();
        },
        "DELETE /_local/faults", (path, query, body) -> {
          stack.faults(Faults.NONE);
          return stack.faults().toJson();
        },
        "GET /_local/dead-letters", (path, query, body) -> stack.deadLettersJson(),
        "POST /_local/redrive", (path, query, body) -> JSON.writeValueAsString(stack.redrive()),
        "GET /_local/logs", (path, query, body) -> stack.logsJson(functionParameter(query)),
        "GET /_local/metrics", (path, query, body) -> stack.metricsJson());
  }

  private static String functionParameter(Map<String, String> query) {
    String function = query.get("function");
    if (function == null || function.isBlank()) {
      throw new LocalRoute.Invalid("name the function: /_local/logs?function=<LogicalId>");
    }
    return function;
  }

  private static Faults parse(byte[] body) {
    try {
      return Faults.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new LocalRoute.Invalid(e.getMessage());
    }
  }
}
