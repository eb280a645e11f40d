package dev.blog.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The faults in force on the wire between the functions and the local servers, in the contract's JSON:
 * {@code {"dynamodb": {"throttleRate", "errorRate", "delayMs"}, "sqs": {"errorRate", "delayMs"}, "smtp": {"down"}}}.
 * An absent key is no fault. Beyond the contract, {@code "operations": ["UpdateItem", ...]} narrows a service's
 * faults to those API operations (a test can fail one call of a sequence, as a store may fail between two).
 * The same JSON drives {@code /_local/faults}, {@code ./dev start --faults} and the tests' proxies.
 */
public record Faults(Wire dynamodb, Wire sqs, boolean smtpDown) {
  /** No fault anywhere. */
  public static final Faults NONE = new Faults(Wire.NONE, Wire.NONE, false);
  /** A held request never waits longer than this: a hanging store, not a stuck local stack. */
  static final long MAX_DELAY_MS = 600_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The faults of one service's wire: each request is held {@code delayMs}, then may be throttled or failed. */
  public record Wire(double throttleRate, double errorRate, long delayMs, Set<String> operations) {
    public static final Wire NONE = new Wire(0, 0, 0, Set.of());

    public Wire {
      operations = Set.copyOf(operations);
    }

    /** Whether the faults apply to {@code operation} (all operations unless narrowed). */
    boolean covers(String operation) {
      return operations.isEmpty() || operations.contains(operation);
    }

    boolean any() {
      return throttleRate > 0 || errorRate > 0 || delayMs > 0;
    }
  }

  /**
   * Reads the contract's JSON; an IllegalArgumentException names what is wrong (an unknown service or key,
   * a rate outside 0..1, a negative delay), so a typo is never a silent "no fault".
   */
  public static Faults parse(String json) {
    JsonNode root;
    try {
      root = json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("faults: not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("faults: expected a JSON object such as {\"dynamodb\":{\"throttleRate\":1}}");
    }
    Wire dynamodb = Wire.NONE;
    Wire sqs = Wire.NONE;
    boolean smtpDown = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      switch (service.getKey()) {
        case "dynamodb" -> dynamodb = wire("dynamodb", service.getValue(), true);
        case "sqs" -> sqs = wire("sqs", service.getValue(), false);
        case "smtp" -> smtpDown = smtp(service.getValue());
        default -> throw new IllegalArgumentException("faults: unknown service '" + service.getKey()
            + "' (dynamodb, sqs, smtp)");
      }
    }
    return new Faults(dynamodb, sqs, smtpDown);
  }

  private static Wire wire(String service, JsonNode node, boolean throttles) {
    if (node.isNull()) {
      return Wire.NONE;
    }
    object(service, node);
    double throttleRate = 0;
    double errorRate = 0;
    long delayMs = 0;
    Set<String> operations = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = service + "." + field.getKey();
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "throttleRate" -> {
          if (!throttles) {
            throw new IllegalArgumentException("faults: " + name + " is not a fault of " + service + " (errorRate, delayMs)");
          }
          throttleRate = rate(name, value);
        }
        case "errorRate" -> errorRate = rate(name, value);
        case "delayMs" -> {
          if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > MAX_DELAY_MS) {
            throw new IllegalArgumentException("faults: " + name + " must be a whole number of milliseconds, 0.."
                + MAX_DELAY_MS);
          }
          delayMs = value.asLong();
        }
        case "operations" -> {
          if (!value.isArray()) {
            throw new IllegalArgumentException("faults: " + name + " must be a list of API operation names");
          }
          for (JsonNode operation : value) {
            if (!operation.isTextual() || operation.asText().isBlank()) {
              throw new IllegalArgumentException("faults: " + name + " must be a list of API operation names");
            }
            operations.add(operation.asText());
          }
        }
        default -> throw new IllegalArgumentException("faults: unknown key " + name
            + (throttles ? " (throttleRate, errorRate, delayMs, operations)" : " (errorRate, delayMs, operations)"));
      }
    }
    return new Wire(throttleRate, errorRate, delayMs, operations);
  }

  private static boolean smtp(JsonNode node) {
    if (node.isNull()) {
      return false;
    }
    object("smtp", node);
    boolean down = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals("down")) {
        throw new IllegalArgumentException("faults: unknown key smtp." + field.getKey() + " (down)");
      }
      if (!field.getValue().isBoolean()) {
        throw new IllegalArgumentException("faults: smtp.down must be true or false");
      }
      down = field.getValue().asBoolean();
    }
    return down;
  }

  private static void object(String name, JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("faults: " + name + " must be an object");
    }
  }

  private static double rate(String name, JsonNode value) {
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
      throw new IllegalArgumentException("faults: " + name + " must be a number from 0 to 1");
    }
    return value.asDouble();
  }

  /** The faults as the contract's JSON, with only what is in force (no fault: {@code {}}). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    wireJson(root, "dynamodb", dynamodb, true);
    wireJson(root, "sqs", sqs, false);
    if (smtpDown) {
      root.putObject("smtp").put("down", true);
    }
    return root.toString();
  }

  private static void wireJson(ObjectNode root, String service, Wire wire, boolean throttles) {
    if (!wire.any()) {
      return;
    }
    ObjectNode node = root.putObject(service);
    if (throttles && wire.throttleRate() > 0) {
      node.put("throttleRate", wire.throttleRate());
    }
    if (wire.errorRate() > 0) {
      node.put("errorRate", wire.errorRate());
    }
    if (wire.delayMs() > 0) {
      node.put("delayMs", wire.delayMs());
    }
    if (!wire.operations().isEmpty()) {
      wire.operations().stream().sorted().forEach(node.putArray("operations")::add);
    }
  }
}
