package dev.blog.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for the local stack, as any API client would call it. Every response it receives is
 * checked against openapi.yaml ({@link OpenApiContract}) before a test sees it: a response the document
 * does not describe fails the test that received it.
 */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final URI base;
  private final OpenApiContract contract;

  Api(URI base, OpenApiContract contract) {
    this(base, contract, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  private Api(URI base, OpenApiContract contract, HttpClient http) {
    this.base = base;
    this.contract = contract;
    this.http = http;
  }

  /**
   * The same API called from another client address: another loopback address (127.0.0.0/8), which the
   * local gateway hands on as the request's {@code sourceIp}, as API Gateway does with a client's address.
   */
  Api from(String loopbackAddress) {
    try {
      return new Api(base, contract, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .localAddress(java.net.InetAddress.getByName(loopbackAddress)).build());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  Answer send(String method, String path, String token, String body, String... headers) {
    // base + path, not base.resolve(path): a path such as //me must reach the gateway as sent
    URI uri = URI.create(base + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      contract.check(method, uri.getRawPath(), response.statusCode(), response.headers(), response.body());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer get(String path, String token) {
    return send("GET", path, token, null);
  }

  Answer register(String email, String password, String name) {
    return send("POST", "/auth/register", null,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"" + name + "\"}");
  }

  /** Logs in and answers the bearer token. */
  String login(String email, String password) {
    Answer answer = send("POST", "/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    if (answer.status() != 200) {
      throw new AssertionError("login failed: " + answer.status() + " " + answer.body());
    }
    return answer.json().get("token").asText();
  }

  /**
   * A new account with this role ("user": registered; staff: created by {@code adminToken}), logged in:
   * answers its token.
   */
  String newAccount(String role, String adminToken) {
    String email = role + "-" + java.util.UUID.randomUUID() + "@example.com";
    Answer created = role.equals("user")
        ? register(email, "password-123", "Plain User")
        : send("POST", "/users", adminToken, "{\"email\":\"" + email
            + "\",\"name\":\"Staff Member\",\"password\":\"password-123\",\"role\":\"" + role + "\"}");
    if (created.status() != 201) {
      throw new AssertionError("creating a " + role + " failed: " + created.status() + " " + created.body());
    }
    return login(email, "password-123");
  }

  /** The cast of a role test: the admin, a new moderator, a new user (with their id), and another new user. */
  record Cast(String admin, String moderator, String user, String userId, String other) {}

  /** Logs the first admin in and makes a fresh moderator and two fresh users. */
  Cast cast() {
    String admin = login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    String moderator = newAccount("moderator", admin);
    String user = newAccount("user", admin);
    String userId = get("/me", user).json().get("id").asText();
    return new Cast(admin, moderator, user, userId, newAccount("user", admin));
  }
}
