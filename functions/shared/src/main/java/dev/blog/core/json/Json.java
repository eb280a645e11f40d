package dev.blog.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.blog.core.error.DomainException.Invalid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the project: strict on input (unknown properties, wrong types and
 * coercions are errors that name the field), compact on output (absent optionals are left out).
 */
public final class Json {
  private final ObjectMapper mapper;

  public Json() {
    this.mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    // "name": 42 must not quietly become "42": a number or boolean is never a string here.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    // Bodies are at most 64 KiB; deep nesting has no use here and only costs stack.
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Reads a request body into {@code type}, or throws {@link Invalid} naming the offending field. */
  public <T> T read(byte[] body, Class<T> type) {
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw Invalid.field("body", "must be a JSON object");
      }
      return value;
    } catch (IOException e) {
      throw badInput(e);
    }
  }

  /** Reads a request body as a tree, for the few places that must tell an absent field from a null one. */
  public JsonNode readTree(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || !node.isObject()) {
        throw Invalid.field("body", "must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw badInput(e);
    }
  }

  public <T> T convert(JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (IOException e) {
      throw badInput(e);
    }
  }

  /**
   * A request body's contract: a JSON {@code null} is accepted only for the fields named {@code nullable}; for any
   * other field it is a 400 naming the field, on create as on update (an absent field and a null are not the
   * same request, and a field that cannot be null must not be quietly read as "absent").
   */
  public static void rejectNulls(JsonNode body, java.util.Set<String> nullable) {
    var fields = body.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.getValue().isNull() && !nullable.contains(field.getKey())) {
        throw Invalid.field(field.getKey(), "must not be null");
      }
    }
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Turns a Jackson failure into an invalid input. The message is ours: Jackson's may quote the input back. */
  private static Invalid badInput(IOException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return Invalid.field(path(unknown), "unknown property");
    }
    if (e instanceof MismatchedInputException mismatch) {
      String field = path(mismatch);
      return Invalid.field(field.isEmpty() ? "body" : field, expected(mismatch.getTargetType()));
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return Invalid.field(path(mapping), "has an invalid value");
    }
    if (e instanceof StreamReadException read && read.getLocation() != null) {
      return Invalid.field("body", "malformed JSON at line " + read.getLocation().getLineNr()
          + ", column " + read.getLocation().getColumnNr());
    }
    return Invalid.field("body", "malformed JSON");
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "must be an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be a boolean";
    }
    if (type.isEnum()) {
      return "must be one of: " + Arrays.stream(type.getEnumConstants())
          .map(Object::toString).collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be an array";
    }
    return "must be a JSON object";
  }
}
