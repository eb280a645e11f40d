package dev.blog.core.http;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.json.Json;
import dev.blog.core.security.AuthorizerContext;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** A read-only view of an API Gateway payload 2.0 event with the checks every handler needs. */
public final class ApiRequest {
  /** The contract's body limit; API Gateway itself would take up to 10 MB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final APIGatewayV2HTTPEvent event;
  private final String requestId;
  private final LambdaLogger logger;
  private final Json json;
  /** The role the function read itself, when the authorizer could not check the session ({@link #confirmSession}). */
  private Role confirmedRole;

  public ApiRequest(APIGatewayV2HTTPEvent event, String requestId, LambdaLogger logger, Json json) {
    this.event = event;
    this.requestId = requestId;
    this.logger = logger;
    this.json = json;
  }

  public String requestId() {
    return requestId;
  }

  /** The invocation's logger, for a handler that catches failures itself (GraphQL answers them in-band). */
  public LambdaLogger logger() {
    return logger;
  }

  public String routeKey() {
    return event.getRouteKey() == null ? "" : event.getRouteKey();
  }

  /** The caller the authorizer let through. Routes behind the authorizer always have one. */
  public Caller caller() {
    return callerIfAny().orElseThrow(() -> new Unauthenticated("No valid session: log in again"));
  }

  /**
   * The caller the authorizer let through, while their token is valid: a cached authorizer answer may outlive the
   * token, so a caller whose {@code exp} has passed (or who has none) is no caller at all.
   */
  public Optional<Caller> callerIfAny() {
    Optional<Caller> claimed = claimedCaller();
    if (claimed.isEmpty() || sessionChecked()) {
      return claimed;
    }
    // The authorizer could not read the session: only the function's own check makes this a caller.
    return confirmedRole == null ? Optional.empty()
        : Optional.of(new Caller(claimed.get().userId(), confirmedRole, claimed.get().sessionEpoch(),
            claimed.get().sourceIp()));
  }

  /**
   * Whether the authorizer read the session and found it live ({@link AuthorizerContext#SESSION_CHECKED}); when
   * not, {@link ApiHandler} checks it before the handler runs.
   */
  public boolean sessionChecked() {
    var context = event.getRequestContext();
    if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getLambda() == null) {
      return false;
    }
    return AuthorizerContext.CHECKED.equals(String.valueOf(
        context.getAuthorizer().getLambda().get(AuthorizerContext.SESSION_CHECKED)));
  }

  /** The function read the session itself and found it live, with this stored role. */
  void confirmSession(Role storedRole) {
    this.confirmedRole = storedRole;
  }

  /** The caller as the authorizer's context names them, before any session check of the function's own. */
  Optional<Caller> claimedCaller() {
    var context = event.getRequestContext();
    if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getLambda() == null) {
      return Optional.empty();
    }
    Map<String, Object> lambda = context.getAuthorizer().getLambda();
    Object userId = lambda.get(AuthorizerContext.USER_ID);
    Optional<Role> role = Role.fromWire(String.valueOf(lambda.get(AuthorizerContext.ROLE)));
    OptionalLong expiresAt = number(lambda.get(AuthorizerContext.EXPIRES_AT));
    OptionalLong sessionEpoch = number(lambda.get(AuthorizerContext.SESSION_EPOCH));
    if (!(userId instanceof String id) || id.isBlank() || role.isEmpty() || expiresAt.isEmpty() || sessionEpoch.isEmpty()
        || Instant.now().getEpochSecond() >= expiresAt.getAsLong()) {
      return Optional.empty();
    }
    return Optional.of(new Caller(id, role.get(), sessionEpoch.getAsLong(), sourceIp().orElse(null)));
  }

  /** The client address as the gateway saw it ({@code requestContext.http.sourceIp}). */
  public Optional<String> sourceIp() {
    var context = event.getRequestContext();
    return Optional.ofNullable(context == null || context.getHttp() == null ? null : context.getHttp().getSourceIp())
        .filter(ip -> !ip.isBlank());
  }

  /** A context number: the authorizer hands strings (simple responses), a test or another authorizer numbers. */
  private static OptionalLong number(Object value) {
    if (value instanceof Number n) {
      return OptionalLong.of(n.longValue());
    }
    if (value instanceof String s) {
      try {
        return OptionalLong.of(Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  public String pathParameter(String name) {
    Map<String, String> params = event.getPathParameters();
    String value = params == null ? null : params.get(name);
    if (value == null || value.isBlank()) {
      throw Invalid.field(name, "is required in the path");
    }
    return value;
  }

  public Optional<String> query(String name) {
    Map<String, String> params = event.getQueryStringParameters();
    return Optional.ofNullable(params == null ? null : params.get(name));
  }

  /** An integer query parameter within [min, max], or the default when absent. */
  public int queryInt(String name, int min, int max, int defaultValue) {
    OptionalInt parsed = query(name).map(v -> {
      try {
        return OptionalInt.of(Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
    }).orElse(OptionalInt.of(defaultValue));
    if (parsed.isEmpty() || parsed.getAsInt() < min || parsed.getAsInt() > max) {
      throw Invalid.field(name, "must be an integer from " + min + " to " + max);
    }
    return parsed.getAsInt();
  }

  public Optional<String> header(String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    String value = headers.get(name.toLowerCase(Locale.ROOT)); // payload 2.0 lower-cases header names
    if (value == null) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return Optional.ofNullable(e.getValue());
        }
      }
    }
    return Optional.ofNullable(value);
  }

  /** The version demanded by If-Match, empty when the client demands none. */
  public OptionalLong ifMatch() {
    return ETags.expectedVersion(header("If-Match").orElse(null));
  }

  /**
   * The JSON body as {@code type}: 415 unless JSON, 413 over 64 KiB, 400 naming the field otherwise, and 400 for a
   * JSON {@code null} in any field not named {@code nullable}.
   */
  public <T> T body(Class<T> type, String... nullable) {
    return patchBody(type, nullable).fields();
  }

  /** A partial update's body: the typed fields, and which of them the client sent as an explicit null. */
  public record Patch<T>(T fields, JsonNode tree) {
    public boolean sentNull(String field) {
      return tree.has(field) && tree.get(field).isNull();
    }
  }

  /**
   * The JSON body of a partial update, where an absent field means "keep" and a {@code null} means "clear": only
   * for the fields named {@code nullable} (the ones that can be cleared); for any other field it is a 400.
   */
  public <T> Patch<T> patchBody(Class<T> type, String... nullable) {
    JsonNode tree = json.readTree(bodyBytes());
    Json.rejectNulls(tree, Set.of(nullable));
    return new Patch<>(json.convert(tree, type), tree);
  }

  private byte[] bodyBytes() {
    String contentType = header("Content-Type").orElse("");
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      throw new RequestRejected(RequestRejected.Reason.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
    }
    String body = event.getBody();
    if (body == null || body.isEmpty()) {
      throw Invalid.field("body", "is required");
    }
    // A cheap bound before decoding: base64 is 4/3 of the bytes, UTF-8 is at least one byte a char.
    if (body.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
      throw tooLarge();
    }
    byte[] bytes;
    if (event.getIsBase64Encoded()) {
      try {
        bytes = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw Invalid.field("body", "is not valid base64");
      }
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    return bytes;
  }

  private static RequestRejected tooLarge() {
    return new RequestRejected(RequestRejected.Reason.PAYLOAD_TOO_LARGE,
        "The body must be at most " + MAX_BODY_BYTES + " bytes");
  }
}
