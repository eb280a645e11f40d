package dev.blog.local.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import dev.blog.local.faults.Gate;
import dev.blog.local.template.LocalAccount;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Just enough of the Secrets Manager API (AWS JSON 1.1 protocol, {@code GetSecretValue}) for the SDK
 * client that the functions use, pointed here by {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. A secret can
 * be asked for by ARN or by name, as in AWS.
 */
public final class SecretsManagerStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, String> valuesById;
  private final Gate gate;

  /**
   * Serves the values of {@code secrets}, each by logical id and by ARN, to the requests {@code gate} lets through
   * (the local stack's IAM check, or {@link Gate#OPEN}).
   */
  public SecretsManagerStandIn(LocalSecrets secrets, Gate gate) {
    this.valuesById = Map.copyOf(secrets.valuesByIdAndArn());
    this.gate = gate;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "secrets-manager");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      byte[] body = exchange.getRequestBody().readAllBytes();
      var refusal = gate.refuse(exchange.getRequestHeaders().getFirst("Authorization"),
          target.substring(target.indexOf('.') + 1), body);
      if (refusal.isPresent()) {
        refusal.get().headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(refusal.get().status(), refusal.get().body().length);
        exchange.getResponseBody().write(refusal.get().body());
        return;
      }
      JsonNode request = JSON.readTree(body);
      if (!target.endsWith(".GetSecretValue")) {
        send(exchange, 400, error("UnsupportedOperation", "The local stack serves only GetSecretValue"));
        return;
      }
      String id = request.path("SecretId").asText();
      String value = valuesById.get(id);
      if (value == null) {
        send(exchange, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
        return;
      }
      ObjectNode response = JSON.createObjectNode();
      response.put("ARN", id.startsWith("arn:") ? id : LocalAccount.secretArn(id));
      response.put("Name", id.startsWith("arn:") ? id.substring(id.lastIndexOf(':') + 1) : id);
      response.put("SecretString", value);
      response.put("VersionId", "00000000-0000-0000-0000-000000000001");
      response.putArray("VersionStages").add("AWSCURRENT");
      response.put("CreatedDate", 1.7e9);
      send(exchange, 200, response);
    }
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("__type", type);
    error.put("message", message);
    return error;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    if (status != 200) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
