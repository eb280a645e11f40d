package dev.blog.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code openapi.yaml} as a check of real responses. Each response must have a status the operation
 * documents, a documented content type, a body that validates against that media type's schema (or none
 * where none is documented), and every header the response marks required (or {@code x-required-for} its
 * media type), each matching its schema. swagger-parser reads the document (and must find nothing wrong
 * with it); the JSON Schema validator, in OpenAPI 3.0's dialect, validates against the document's own
 * schemas by JSON pointer, so {@code $ref}s resolve exactly as written.
 *
 * <p>Requests that name no route get API Gateway's own 404; {@code /_local/...} (never deployed) and CORS
 * preflights (answered by the gateway from the template's CORS settings) are not part of the API.
 */
final class OpenApiContract {
  /** Where the document is registered for the validator: a name only, never fetched ({@code .invalid}). */
  private static final String DOCUMENT_IRI = "https://contract.blog-backend.invalid/openapi.json";
  private static final String GATEWAY_MESSAGE = "/components/schemas/GatewayMessage";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAPI spec;
  private final List<Route> routes = new ArrayList<>();
  private final SchemaRegistry schemas;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> validated = new ConcurrentHashMap<>();
  private final AtomicInteger outsideTheApi = new AtomicInteger();

  private record Route(Pattern path, String template, PathItem item) {}

  /** Where an operation's response (or a component it refers to) lives in the document. */
  private record Located<T>(T value, String pointer) {}

  private OpenApiContract(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(false); // keep $refs: they are followed here, by pointer, as written
    var parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
    if (parsed.getOpenAPI() == null || (parsed.getMessages() != null && !parsed.getMessages().isEmpty())) {
      throw new IllegalStateException("openapi.yaml is not a valid OpenAPI document: " + parsed.getMessages());
    }
    this.spec = parsed.getOpenAPI();
    spec.getPaths().forEach((template, item) -> routes.add(new Route(pathPattern(template), template, item)));
    try {
      String document = JSON.writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
      this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
          builder -> builder.schemas(Map.of(DOCUMENT_IRI, document)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpenApiContract load(Path document) {
    try {
      return new OpenApiContract(Files.readString(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Throws an AssertionError naming every way in which this response is not what openapi.yaml says. */
  void check(String method, String rawPath, int status, HttpHeaders headers, String body) {
    String request = method + " " + rawPath + " -> " + status;
    if (rawPath.startsWith("/_local/") || method.equals("OPTIONS")) {
      outsideTheApi.incrementAndGet();
      return;
    }
    Optional<Route> route = routes.stream().filter(r -> r.path().matcher(rawPath).matches()).findFirst();
    Operation operation = route.map(r -> r.item().readOperationsMap().get(httpMethod(method))).orElse(null);
    List<String> problems = new ArrayList<>();
    if (operation == null) {
      // API Gateway's own answer to a request that matches no route.
      if (status != 404) {
        problems.add("names no documented route, yet answered " + status + " instead of the gateway's 404");
      }
      checkBody(GATEWAY_MESSAGE, headers, body, "application/json", problems);
      if (problems.isEmpty() && !body.equals("{\"message\":\"Not Found\"}")) {
        problems.add("a request that names no route must get {\"message\":\"Not Found\"}, got " + body);
      }
      fail(request, problems);
      count("(no route) " + status);
      return;
    }
    String operationPointer = "/paths/" + escape(route.get().template()) + "/" + method.toLowerCase(Locale.ROOT);
    Located<ApiResponse> response = response(operation, operationPointer, status);
    if (response == null) {
      fail(request, List.of("status " + status + " is not documented for " + operation.getOperationId()
          + " (documented: " + operation.getResponses().keySet() + "); body: " + abbreviate(body)));
    }
    String mediaType = headers.firstValue("Content-Type").map(OpenApiContract::mediaType).orElse(null);
    Map<String, MediaType> content = response.value().getContent();
    if (content == null || content.isEmpty()) {
      if (!body.isEmpty()) {
        problems.add("documents no body, got " + abbreviate(body));
      }
    } else if (mediaType == null || !content.containsKey(mediaType)) {
      problems.add("Content-Type " + mediaType + " is not one of " + content.keySet());
    } else {
      checkBody(response.pointer() + "/content/" + escape(mediaType) + "/schema", headers, body, mediaType, problems);
    }
    checkHeaders(response, headers, mediaType, problems);
    fail(request + " (" + operation.getOperationId() + ")", problems);
    count(operation.getOperationId() + " " + status);
  }

  /** How many responses were checked, by operation and status. */
  SortedMap<String, Integer> validatedResponses() {
    return validated.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(),
        Integer::sum, TreeMap::new));
  }

  int validatedCount() {
    return validated.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int outsideTheApiCount() {
    return outsideTheApi.get();
  }

  /** Every documented operation and status that no response showed (what the tests do not reach). */
  List<String> neverSeen() {
    List<String> unseen = new ArrayList<>();
    for (Route route : routes) {
      route.item().readOperationsMap().forEach((m, op) -> op.getResponses().keySet().forEach(s -> {
        if (!validated.containsKey(op.getOperationId() + " " + s)) {
          unseen.add(op.getOperationId() + " " + s);
        }
      }));
    }
    return unseen;
  }

  private void checkBody(String schemaPointer, HttpHeaders headers, String body, String mediaType,
      List<String> problems) {
    String actual = headers.firstValue("Content-Type").map(OpenApiContract::mediaType).orElse(null);
    if (!mediaType.equals(actual)) {
      problems.add("Content-Type " + actual + ", expected " + mediaType);
      return;
    }
    try {
      JSON.readTree(body);
    } catch (IOException e) {
      problems.add("the body is not JSON: " + abbreviate(body));
      return;
    }
    schema(schemaPointer).validate(body, InputFormat.JSON)
        .forEach(error -> problems.add("body " + error + " (schema #" + schemaPointer + ")"));
  }

  private void checkHeaders(Located<ApiResponse> response, HttpHeaders headers, String mediaType,
      List<String> problems) {
    Map<String, Header> documented = response.value().getHeaders();
    if (documented == null) {
      return;
    }
    documented.forEach((name, declared) -> {
      Located<Header> header = declared.get$ref() == null
          ? new Located<>(declared, response.pointer() + "/headers/" + escape(name))
          : new Located<>(spec.getComponents().getHeaders().get(componentName(declared.get$ref())),
              pointer(declared.get$ref()));
      Optional<String> value = headers.firstValue(name);
      Object requiredFor = header.value().getExtensions() == null ? null
          : header.value().getExtensions().get("x-required-for");
      boolean required = Boolean.TRUE.equals(header.value().getRequired())
          || (requiredFor != null && requiredFor.equals(mediaType));
      if (value.isEmpty()) {
        if (required) {
          problems.add("the required header " + name + " is missing");
        }
        return;
      }
      String schemaPointer = header.pointer() + "/schema";
      String type = header.value().getSchema() == null ? null : header.value().getSchema().getType();
      String asJson = "integer".equals(type) && value.get().matches("-?[0-9]{1,18}") ? value.get()
          : quote(value.get());
      schema(schemaPointer).validate(asJson, InputFormat.JSON)
          .forEach(error -> problems.add("header " + name + ": " + value.get() + ": " + error));
    });
  }

  private Located<ApiResponse> response(Operation operation, String operationPointer, int status) {
    String code = String.valueOf(status);
    ApiResponse response = operation.getResponses().get(code);
    if (response == null) {
      return null;
    }
    if (response.get$ref() != null) {
      return new Located<>(spec.getComponents().getResponses().get(componentName(response.get$ref())),
          pointer(response.get$ref()));
    }
    return new Located<>(response, operationPointer + "/responses/" + code);
  }

  private Schema schema(String pointer) {
    return compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)));
  }

  private void count(String key) {
    validated.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private static void fail(String request, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new AssertionError("The response breaks openapi.yaml: " + request + "\n  - "
          + String.join("\n  - ", problems));
    }
  }

  private static Pattern pathPattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private static PathItem.HttpMethod httpMethod(String method) {
    try {
      return PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String mediaType(String contentType) {
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static String componentName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static String pointer(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalStateException("Only local references are supported: " + ref);
    }
    return ref.substring(1);
  }

  /** RFC 6901: one path segment of a JSON pointer. */
  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
