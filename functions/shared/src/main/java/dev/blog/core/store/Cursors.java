package dev.blog.core.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident page cursors: the position (DynamoDB's key of the last item shown) as base64url
 * JSON, then an HMAC-SHA256 over the listing's scope and that position. A cursor forged, garbled, or
 * taken from another listing (other filter, other route) fails the check and is invalid input, so a client can
 * never steer a query to keys of its choosing.
 */
public final class Cursors {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
  private static final TypeReference<Map<String, String>> POSITION = new TypeReference<>() {};
  /** 128 bits of tag: forgery odds of 2^-128 per try, and a cursor short enough for a URL. */
  private static final int TAG_BYTES = 16;
  private static final int MAX_CURSOR_CHARS = 2048;
  private static final String ID = "id";

  private final Json json;
  private final Supplier<byte[]> key;

  /** {@code key} is asked for on first use only, so functions that never page never fetch it. */
  public Cursors(Json json, Supplier<byte[]> key) {
    this.json = json;
    this.key = key;
  }

  public String encode(String scope, Map<String, String> position) {
    String body = B64.encodeToString(json.write(position).getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(tag(scope, body));
  }

  public Map<String, String> decode(String scope, String cursor) {
    int dot = cursor.indexOf('.');
    if (cursor.length() > MAX_CURSOR_CHARS || dot <= 0 || dot != cursor.lastIndexOf('.')) {
      throw invalid();
    }
    String body = cursor.substring(0, dot);
    try {
      byte[] given = B64_DECODE.decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(given, tag(scope, body))) { // constant time
        throw invalid();
      }
      return json.mapper().readValue(B64_DECODE.decode(body), POSITION);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw invalid();
    }
  }

  /**
   * The id after which a page of the listing {@code scope} starts: empty without a cursor, invalid input for a
   * cursor this listing did not issue. A position is the id of the last item shown, and nothing else.
   */
  public Optional<String> afterId(String scope, Optional<String> cursor) {
    return cursor.filter(c -> !c.isEmpty()).map(c -> {
      Map<String, String> position = decode(scope, c);
      String id = position.get(ID);
      if (id == null || position.size() != 1 || !Ids.isUuid(id)) {
        throw invalid();
      }
      return id;
    });
  }

  /** The cursor of the page after {@code page} of the listing {@code scope}; null after the last page. */
  public String next(String scope, Page<?> page) {
    return page.lastShown().map(id -> encode(scope, Map.of(ID, id))).orElse(null);
  }

  private byte[] tag(String scope, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.get(), "HmacSHA256"));
      mac.update(scope.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] full = mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
      return java.util.Arrays.copyOf(full, TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** What every unusable cursor is, whatever is wrong with it: nothing to learn from the answer. */
  public static Invalid invalid() {
    return Invalid.field("cursor", "is not a cursor this listing issued");
  }
}
