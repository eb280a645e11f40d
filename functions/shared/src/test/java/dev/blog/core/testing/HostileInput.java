package dev.blog.core.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a careless or hostile client sends, for property tests of the HTTP handlers: JSON of every shape
 * (wrong types, nulls, deep nesting, huge strings, duplicate keys, Unicode edge cases, lone surrogates),
 * bodies that are no JSON at all or over the size limit, odd content types and encodings, If-Match
 * headers, path and query values. Each generator mixes in plausible values, so that some requests get
 * through validation and reach the store.
 */
public final class HostileInput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Texts that have broken parsers, validators, key builders and encoders before. */
  private static final List<String> EDGE_TEXTS = List.of(
      "", " ", "  \t\n", "\u0000", "a\u0000b", "\u0007", "\u001F", "\u007F", "\u0085", "\u00A0", "\uFEFF",
      "\u200B", "\u200D", "\u202E", "\u2066", "\u2028", "\u3000", "\uD800", "\uDC00", "\uDBFF\uDFFF", "😀",
      "👩‍👩‍👧", "e\u0301", "\u0301", "ﬁ", "İ", "ı", "ß", "\u212A", "Ω", "ǅ", "null", "true", "0", "-1",
      "18", "1e3", "NaN", "{}", "[]", "\"", "\\", "'", "%00", "%", "#", "USER#", "EMAIL#x", "../..",
      "<script>alert(1)</script>", "' OR '1'='1", "${jndi:ldap://x/a}", "Ada Lovelace", "  Ada  ",
      "ada@example.com", " ADA@Example.COM ", "a@b", "a@b.c", "@example.com", "a@@example.com",
      "x".repeat(64) + "@example.com", "x".repeat(65) + "@example.com", "a@" + "b".repeat(250) + ".com",
      "x".repeat(2_031) + "@example.com", "*", "\"1\"", "W/\"1\"", "0190f3a0-0000-7000-8000-000000000002");

  private static final List<String> NEAR_MISS_KEYS = List.of(
      "Email", "EMAIL", "e-mail", "role", "id", "version", "passwordHash", "emailVerified", "authorId",
      "createdAt", "__proto__", "constructor", "", " ", "\u0000", "a.b", "x".repeat(300));

  private static final List<String> RAW_BODIES = List.of(
      "", " ", "null", "true", "0", "-0", "1e999", "\"text\"", "[]", "[{}]", "{", "}", "{]", "{\"a\":}", "{\"a\"}",
      "{\"a\":1,}", "{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":.5}",
      "{\"a\":\"\\x\"}", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u0000\"}", "{} {}", "{}garbage", "/* c */ {}",
      "\uFEFF{}", "{\"a\":1}\u0000", "{\"a\":\"unterminated}", "{\"a\":[1,2,}", "\u0000", "<xml/>", "a=b&c=d");

  private HostileInput() {}

  // ---------------------------------------------------------------- text and JSON values

  /** Any text: arbitrary UTF-16 (controls and lone surrogates included), edge cases, combinations, huge. */
  public static Arbitrary<String> text() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().all().ofMaxLength(30)),
        Tuple.of(4, Arbitraries.of(EDGE_TEXTS)),
        Tuple.of(2, Arbitraries.of(EDGE_TEXTS).list().ofMinSize(2).ofMaxSize(4).map(parts -> String.join("", parts))),
        // Long enough to overflow a DynamoDB key (2,048 bytes) built from it, or a length limit.
        Tuple.of(3, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(100).ofMaxLength(3_000)),
        Tuple.of(1, Arbitraries.of(50_001, 70_000).map(n -> "x".repeat(n))));
  }

  private static Arbitrary<String> shortText() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(12)),
        Tuple.of(2, Arbitraries.of(EDGE_TEXTS).filter(s -> s.length() <= 40)));
  }

  /** A JSON scalar of any type, with the numbers that break integer and boolean binding. */
  public static Arbitrary<JsonNode> scalar() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(NODES.nullNode())),
        Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(2, Arbitraries.integers().map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.of(0, 1, 17, 18, 150, 151, -1, Integer.MAX_VALUE, Integer.MIN_VALUE).map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53).map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.of(BigInteger.TEN.pow(40), BigInteger.TEN.pow(400).negate()).map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.of(18.0, 18.5, -0.0, 1e308, 4.9e-324).map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.of(new BigDecimal("18.000"), new BigDecimal("1e-400")).map(NODES::numberNode)),
        Tuple.of(4, text().map(NODES::textNode)));
  }

  /** Any JSON value: scalars, and arrays and objects of them, nested a few levels. */
  public static Arbitrary<JsonNode> json() {
    return Arbitraries.lazyOf(
        HostileInput::scalar,
        HostileInput::scalar,
        HostileInput::scalar,
        () -> json().list().ofMaxSize(3).map(items -> NODES.arrayNode().addAll(items)),
        () -> Arbitraries.maps(shortText(), json()).ofMaxSize(3).map(fields -> NODES.objectNode().setAll(fields)));
  }

  /** Nesting far deeper than any body needs, as a whole body or as a field's value. */
  public static Arbitrary<String> deepNesting(List<String> fields) {
    Arbitrary<String> nested = Arbitraries.integers().between(20, 3_000).flatMap(depth -> Arbitraries.of(
        "[".repeat(depth) + "]".repeat(depth),
        "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
        "[".repeat(depth)));
    Arbitrary<String> field = fields.isEmpty() ? Arbitraries.just("a") : Arbitraries.of(fields);
    return Arbitraries.frequencyOf(
        Tuple.of(1, nested),
        Tuple.of(2, Combinators.combine(field, nested).as((name, value) -> "{\"" + name + "\":" + value + "}")));
  }

  /**
   * Whom the authorizer let through: {@code usual} most of the time, one of {@code others}, someone whose
   * account is gone since their token was issued (any role), or nobody (no authorizer context at all).
   */
  public static Arbitrary<Optional<Caller>> callers(Caller usual, List<Caller> others) {
    String gone = UUID.randomUUID().toString();
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(Optional.of(usual))),
        Tuple.of(3, Arbitraries.of(others).map(Optional::of)),
        Tuple.of(1, Arbitraries.of(Role.values()).map(role -> Optional.of(new Caller(gone, role)))),
        Tuple.of(1, Arbitraries.just(Optional.empty())));
  }

  // ---------------------------------------------------------------- bodies

  /** A request body as a client sends it, and how it says so. */
  public record Payload(String body, String contentType, boolean base64) {
    /** Puts this body, content type and encoding on the request (a null content type: no header). */
    public APIGatewayV2HTTPEvent applyTo(Requests request) {
      APIGatewayV2HTTPEvent event = request.header("content-type", contentType).build();
      event.setBody(body == null ? null
          : base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
      event.setIsBase64Encoded(base64);
      return event;
    }

    @Override
    public String toString() {
      String shown = body == null ? "null" : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + ")" : body;
      return "Payload[" + contentType + (base64 ? ", base64" : "") + "] " + shown;
    }
  }

  /**
   * Bodies for a handler that reads {@code fields}: JSON objects of those fields (each either one of the
   * field's plausible values or any JSON at all), near-miss and unknown keys, duplicates; any other JSON;
   * raw text that is no JSON; deep nesting; bodies over the 64 KiB limit. Mostly sent as JSON.
   */
  public static Arbitrary<Payload> payloads(Map<String, Arbitrary<JsonNode>> fields) {
    List<String> names = List.copyOf(fields.keySet());
    Arbitrary<String> key = Arbitraries.frequencyOf(
        Tuple.of(8, names.isEmpty() ? shortText() : Arbitraries.of(names)),
        Tuple.of(1, Arbitraries.of(NEAR_MISS_KEYS)),
        Tuple.of(1, shortText()));
    Arbitrary<Map.Entry<String, JsonNode>> entry = key.flatMap(name -> {
      Arbitrary<JsonNode> plausible = fields.get(name);
      Arbitrary<JsonNode> value = plausible == null ? json()
          : Arbitraries.frequencyOf(Tuple.of(3, plausible), Tuple.of(1, json()));
      return value.map(v -> Map.entry(name, v));
    });
    // Nearly valid: every field with a plausible value, except (half of the time) one field that gets any
    // text, any JSON or is left out; now and then one more key.
    Arbitrary<List<Map.Entry<String, JsonNode>>> plausibleFields = Combinators.combine(names.stream()
            .map(name -> fields.get(name).map(v -> Map.entry(name, v))).toList())
        .as(List::copyOf);
    Arbitrary<Map.Entry<String, JsonNode>> corrupted = Arbitraries.of(names).flatMap(name -> Arbitraries.frequencyOf(
        Tuple.of(4, text().map(v -> Map.entry(name, (JsonNode) NODES.textNode(v)))),
        Tuple.of(2, json().map(v -> Map.entry(name, v))),
        Tuple.of(1, Arbitraries.just(Map.entry(name, (JsonNode) NODES.missingNode())))));
    Arbitrary<List<Map.Entry<String, JsonNode>>> extra = Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.just(List.of())), Tuple.of(1, entry.map(List::of)));
    Arbitrary<List<Map.Entry<String, JsonNode>>> nearlyValid = names.isEmpty() ? extra : Combinators.combine(
            plausibleFields, Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.<Map.Entry<String, JsonNode>>empty())),
                Tuple.of(1, corrupted.map(Optional::of))), extra)
        .as((all, change, more) -> {
          List<Map.Entry<String, JsonNode>> result = new ArrayList<>();
          for (Map.Entry<String, JsonNode> field : all) {
            Map.Entry<String, JsonNode> chosen = change.filter(c -> c.getKey().equals(field.getKey())).orElse(field);
            if (!chosen.getValue().isMissingNode()) {
              result.add(chosen);
            }
          }
          result.addAll(more);
          return result;
        });
    Arbitrary<List<Map.Entry<String, JsonNode>>> anyEntries = entry.list().ofMaxSize(names.size() + 2);
    Arbitrary<String> objects = Combinators.combine(
            Arbitraries.frequencyOf(Tuple.of(3, nearlyValid), Tuple.of(1, anyEntries)), Arbitraries.of(false, false, true))
        .as(HostileInput::writeObject);
    Arbitrary<String> bodies = Arbitraries.frequencyOf(
        Tuple.of(20, objects),
        Tuple.of(1, json().map(HostileInput::write)),
        Tuple.of(1, Arbitraries.of(RAW_BODIES)),
        Tuple.of(1, deepNesting(names)),
        Tuple.of(1, objects.map(o -> o.substring(0, o.length() - 1) + (o.length() > 2 ? "," : "")
            + "\"padding\":\"" + "p".repeat(66_000) + "\"}")),
        Tuple.of(1, Arbitraries.just(null)));
    return Combinators.combine(bodies, contentTypes(), Arbitraries.of(false, false, false, false, false, true))
        .as(Payload::new);
  }

  /** Content-Type headers: JSON in its spellings, other types, empty, absent (null), nonsense. */
  public static Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, Arbitraries.just("application/json")),
        Tuple.of(2, Arbitraries.of("application/json; charset=utf-8", "APPLICATION/JSON", "application/problem+json",
            "application/vnd.blog+json", " application/json ;x=y")),
        Tuple.of(2, Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/xml", "application/jsonx", "json", "", ";")),
        Tuple.of(1, Arbitraries.just(null)),
        Tuple.of(1, shortText()));
  }

  /** If-Match headers: absent, current or stale versions, every other form RFC 9110 allows, and nonsense. */
  public static Arbitrary<String> ifMatch() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(null)),
        Tuple.of(3, Arbitraries.integers().between(0, 4).map(v -> "\"" + v + "\"")),
        Tuple.of(2, Arbitraries.of("*", "1", "W/\"1\"", "\"1\", \"2\"", "\"-1\"", "\"99999999999999999999\"", "\"\"",
            " \"1\" ", "\"1", "\"abc\"", "", " ")),
        Tuple.of(1, shortText()));
  }

  /** Path parameter values: the given real ids (most of the time), unknown UUIDs, upper-cased ids, text. */
  public static Arbitrary<String> ids(List<String> known) {
    Arbitrary<String> real = known.isEmpty() ? Arbitraries.just(UUID.randomUUID().toString()) : Arbitraries.of(known);
    return Arbitraries.frequencyOf(
        Tuple.of(6, real),
        Tuple.of(2, Arbitraries.create(() -> UUID.randomUUID().toString())),
        Tuple.of(1, real.map(id -> id.toUpperCase(Locale.ROOT))),
        Tuple.of(1, Arbitraries.of("", " ", "00000000-0000-0000-0000-000000000000", "not-an-id")),
        Tuple.of(1, text()),
        Tuple.of(1, Arbitraries.just(null)));
  }

  /** A query parameter: absent (null) half of the time, else one of {@code plausible} or any text. */
  public static Arbitrary<String> query(Arbitrary<String> plausible) {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just(null)),
        Tuple.of(3, plausible),
        Tuple.of(2, text()));
  }

  /** Page sizes as query text: in range, at the edges, out of range, no number. */
  public static Arbitrary<String> limits() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(1, 100).map(String::valueOf)),
        Tuple.of(2, Arbitraries.of("0", "101", "-1", " 5 ", "+5", "05", "1.5", "1e2", "2147483648", "NaN", "")),
        Tuple.of(1, Arbitraries.integers().map(String::valueOf)));
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The entries as one JSON object, duplicates kept; with {@code escaped}, every non-ASCII character as a
   * {@code \\u} escape, so lone surrogates reach the server as such instead of being replaced in UTF-8.
   */
  private static String writeObject(List<Map.Entry<String, JsonNode>> entries, boolean escaped) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
      if (escaped) {
        generator.enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
      }
      generator.writeStartObject();
      for (Map.Entry<String, JsonNode> entry : entries) {
        generator.writeFieldName(entry.getKey());
        JSON.writeTree(generator, entry.getValue());
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
