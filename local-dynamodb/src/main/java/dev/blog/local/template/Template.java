package dev.blog.local.template;

import static dev.blog.local.template.CfnYaml.list;
import static dev.blog.local.template.CfnYaml.map;
import static dev.blog.local.template.CfnYaml.number;
import static dev.blog.local.template.CfnYaml.optionalMap;
import static dev.blog.local.template.CfnYaml.string;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.Yaml;

/**
 * What the local stack needs of template.yaml, read from the file itself (it is the single source of
 * truth), as typed records: functions with their handler, jar, merged Globals and environment; the HttpApi's
 * routes, default authorizer and CORS; the functions' other event sources; the tables, queues and secrets;
 * the parameters' defaults.
 */
public final class Template {
  private static final String FUNCTION = "AWS::Serverless::Function";

  private final Path projectDir;
  private final Map<String, Object> root;
  private final Map<String, Object> resources;
  private final Map<String, Object> globals;

  private Template(Path projectDir, Map<String, Object> root) {
    this.projectDir = projectDir;
    this.root = root;
    this.resources = map(root.get("Resources"), "Resources");
    this.globals = optionalMap(optionalMap(root, "Globals", "template"), "Function", "Globals");
  }

  public static Template load(Path projectDir) {
    Path file = projectDir.resolve("template.yaml");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Template(projectDir, map(new Yaml(new CfnYaml.Constructor()).load(reader), "template.yaml"));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }

  /** Walks up from the working directory to the folder holding template.yaml. */
  public static Path findProjectDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("No template.yaml in " + Path.of("").toAbsolutePath() + " or above");
    }
    return dir;
  }

  public Path projectDir() {
    return projectDir;
  }

  public List<String> resourcesOfType(String type) {
    List<String> ids = new ArrayList<>();
    resources.forEach((id, value) -> {
      if (type.equals(map(value, id).get("Type"))) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** The resource's Type, such as AWS::SQS::Queue. */
  public String typeOf(String logicalId) {
    return (String) resource(logicalId).get("Type");
  }

  public Map<String, String> parameterDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    optionalMap(root, "Parameters", "template").forEach((name, def) -> {
      Object value = map(def, name).get("Default");
      if (value != null) {
        defaults.put(name, String.valueOf(value));
      }
    });
    return defaults;
  }

  public List<String> functionIds() {
    return resourcesOfType(FUNCTION);
  }

  public FunctionDef function(String logicalId) {
    if (!FUNCTION.equals(typeOf(logicalId))) {
      throw new IllegalArgumentException(logicalId + " is not an " + FUNCTION + " in template.yaml");
    }
    Map<String, Object> props = properties(logicalId);
    String handler = (String) withGlobal(props, "Handler");
    String codeUri = (String) withGlobal(props, "CodeUri");
    if (handler == null || codeUri == null) {
      throw new IllegalStateException(logicalId + " needs Handler and CodeUri");
    }
    Map<String, Object> env = new TreeMap<>();
    env.putAll(variables(globals));
    env.putAll(variables(props));
    // SAM merges a map of the Globals with the function's own, key by key (the function's key wins).
    Map<String, Object> logging = new TreeMap<>(optionalMap(globals, "LoggingConfig", "Globals"));
    logging.putAll(optionalMap(props, "LoggingConfig", logicalId));
    return new FunctionDef(logicalId, handler, projectDir.resolve(codeUri).normalize(),
        number(withGlobal(props, "MemorySize"), 128), number(withGlobal(props, "Timeout"), 3), env, logging);
  }

  /**
   * The function's IAM statements as its deployed role holds them (its Policies and what SAM adds for its events),
   * intrinsics resolved with {@code refs}: the same names the local servers' resources have.
   */
  public List<PolicyStatement> policies(String functionId, Function<String, String> refs) {
    function(functionId);
    return FunctionPolicies.read(functionId, properties(functionId), refs);
  }

  /** The routes of every HttpApi event, in template order. */
  public List<Route> routes() {
    return events("HttpApi").stream().map(e -> {
      String method = String.valueOf(e.properties().getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT);
      String path = String.valueOf(e.properties().getOrDefault("Path", "$default"));
      boolean open = "NONE".equals(optionalMap(e.properties(), "Auth", e.name()).get("Authorizer"));
      return new Route("*".equals(method) ? "ANY" : method, path, e.functionId(), !open);
    }).toList();
  }

  /** Every SQS event source mapping. */
  public List<EventSource.Sqs> sqsSources() {
    return events("SQS").stream().map(e -> new EventSource.Sqs(e.functionId(),
        Intrinsics.referencedId(e.properties().get("Queue"), e.name() + ".Queue"),
        number(e.properties().get("BatchSize"), 10), reportsBatchItemFailures(e.properties()),
        number(optionalMap(e.properties(), "ScalingConfig", e.name()).get("MaximumConcurrency"), 0))).toList();
  }

  /**
   * Every DynamoDB stream event source mapping: a function's {@code DynamoDB} events, and the
   * AWS::Lambda::EventSourceMapping resources that read a table's stream (declared on their own where the
   * function's policy must name the one stream it reads, which SAM's event would widen to every stream).
   */
  public List<EventSource.Stream> streamSources() {
    List<EventSource.Stream> sources = new ArrayList<>();
    for (Event e : events("DynamoDB")) {
      sources.add(stream(e.functionId(), Intrinsics.referencedId(e.properties().get("Stream"), e.name() + ".Stream"),
          e.properties(), e.name()));
    }
    for (String id : resourcesOfType("AWS::Lambda::EventSourceMapping")) {
      Map<String, Object> p = properties(id);
      Object source = p.get("EventSourceArn");
      if (source instanceof Map<?, ?> ref && String.valueOf(ref.get("Fn::GetAtt")).contains("StreamArn")) {
        sources.add(stream(Intrinsics.referencedId(p.get("FunctionName"), id + ".FunctionName"),
            Intrinsics.referencedId(source, id + ".EventSourceArn"), p, id));
      }
    }
    return List.copyOf(sources);
  }

  private static EventSource.Stream stream(String functionId, String tableId, Map<String, Object> p, String what) {
    List<String> patterns = new ArrayList<>();
    for (Object filter : list(optionalMap(p, "FilterCriteria", what).getOrDefault("Filters", List.of()), "Filters")) {
      patterns.add(string(map(filter, "Filters item"), "Pattern"));
    }
    Object onFailure = optionalMap(optionalMap(p, "DestinationConfig", what), "OnFailure", "DestinationConfig")
        .get("Destination");
    return new EventSource.Stream(functionId, tableId, number(p.get("BatchSize"), 100),
        number(p.get("MaximumRetryAttempts"), -1), number(p.get("MaximumRecordAgeInSeconds"), -1), List.copyOf(patterns),
        Optional.ofNullable(onFailure).map(d -> Intrinsics.referencedId(d, what + ".OnFailure.Destination")));
  }

  /** How Lambda treats the function's asynchronous invocations: its EventInvokeConfig, or Lambda's defaults. */
  public EventSource.AsyncInvoke asyncInvoke(String functionId) {
    Map<String, Object> config = optionalMap(properties(functionId), "EventInvokeConfig", functionId);
    Object onFailure = optionalMap(optionalMap(config, "DestinationConfig", functionId), "OnFailure", "DestinationConfig")
        .get("Destination");
    return new EventSource.AsyncInvoke(functionId, number(config.get("MaximumRetryAttempts"), 2),
        number(config.get("MaximumEventAgeInSeconds"), 21_600),
        Optional.ofNullable(onFailure).map(d -> Intrinsics.referencedId(d, functionId + ".OnFailure.Destination")));
  }

  /** Every Schedule event. */
  public List<EventSource.Schedule> schedules() {
    return events("Schedule").stream()
        .map(e -> new EventSource.Schedule(e.functionId(), string(e.properties(), "Schedule"))).toList();
  }

  /** The HttpApi's default Lambda authorizer, if it has one. */
  public Optional<Authorizer> defaultAuthorizer() {
    for (String api : resourcesOfType("AWS::Serverless::HttpApi")) {
      Map<String, Object> auth = optionalMap(properties(api), "Auth", api);
      Object name = auth.get("DefaultAuthorizer");
      if (name == null) {
        continue;
      }
      Map<String, Object> def = map(optionalMap(auth, "Authorizers", api + ".Auth").get(name), String.valueOf(name));
      Map<String, Object> identity = optionalMap(def, "Identity", String.valueOf(name));
      List<String> headers = list(identity.getOrDefault("Headers", List.of("Authorization")), "Identity.Headers").stream()
          .map(String::valueOf).toList();
      return Optional.of(new Authorizer(Intrinsics.referencedId(def.get("FunctionArn"), name + ".FunctionArn"), headers,
          number(identity.get("ReauthorizeEvery"), 300), Boolean.TRUE.equals(def.get("EnableSimpleResponses"))));
    }
    return Optional.empty();
  }

  /** The HttpApi's CORS configuration, its values resolved with {@code refs} (origins are often parameters). */
  public Optional<Cors> cors(Function<String, String> refs) {
    for (String api : resourcesOfType("AWS::Serverless::HttpApi")) {
      if (properties(api).get("CorsConfiguration") instanceof Map<?, ?>) {
        Map<String, Object> c = optionalMap(properties(api), "CorsConfiguration", api);
        return Optional.of(new Cors(strings(c.get("AllowOrigins"), refs), strings(c.get("AllowHeaders"), refs),
            strings(c.get("AllowMethods"), refs), strings(c.get("ExposeHeaders"), refs), number(c.get("MaxAge"), 0),
            Boolean.TRUE.equals(c.get("AllowCredentials"))));
      }
    }
    return Optional.empty();
  }

  /** The DynamoDB tables, as declared. */
  public List<TableDef> tables() {
    return resourcesOfType("AWS::DynamoDB::Table").stream().map(id -> {
      Map<String, Object> p = properties(id);
      List<TableDef.Attribute> attributes = new ArrayList<>();
      for (Object a : list(p.get("AttributeDefinitions"), id + ".AttributeDefinitions")) {
        Map<String, Object> attribute = map(a, "AttributeDefinitions item");
        attributes.add(new TableDef.Attribute(string(attribute, "AttributeName"), string(attribute, "AttributeType")));
      }
      List<TableDef.Index> indexes = new ArrayList<>();
      for (Object g : list(p.getOrDefault("GlobalSecondaryIndexes", List.of()), id + ".GlobalSecondaryIndexes")) {
        Map<String, Object> gsi = map(g, "GlobalSecondaryIndexes item");
        Map<String, Object> projection = optionalMap(gsi, "Projection", string(gsi, "IndexName"));
        indexes.add(new TableDef.Index(string(gsi, "IndexName"), keys(gsi.get("KeySchema")), string(projection, "ProjectionType"),
            list(projection.getOrDefault("NonKeyAttributes", List.of()), "NonKeyAttributes").stream().map(String::valueOf).toList()));
      }
      Optional<String> stream = p.get("StreamSpecification") instanceof Map<?, ?>
          ? Optional.of(string(optionalMap(p, "StreamSpecification", id), "StreamViewType")) : Optional.empty();
      Map<String, Object> ttl = optionalMap(p, "TimeToLiveSpecification", id);
      Optional<String> ttlAttribute = Boolean.TRUE.equals(ttl.get("Enabled"))
          ? Optional.of(string(ttl, "AttributeName")) : Optional.empty();
      return new TableDef(id, List.copyOf(attributes), keys(p.get("KeySchema")), List.copyOf(indexes), stream, ttlAttribute);
    }).toList();
  }

  /** The SQS queues, as declared. */
  public List<QueueDef> queues() {
    return resourcesOfType("AWS::SQS::Queue").stream().map(id -> {
      Map<String, Object> p = properties(id);
      Optional<QueueDef.Redrive> redrive = p.get("RedrivePolicy") instanceof Map<?, ?>
          ? Optional.of(redrive(optionalMap(p, "RedrivePolicy", id), id)) : Optional.empty();
      return new QueueDef(id, Optional.ofNullable(p.get("VisibilityTimeout")).map(v -> number(v, 0)),
          Optional.ofNullable(p.get("MessageRetentionPeriod")).map(v -> number(v, 0)), redrive);
    }).toList();
  }

  /** The Secrets Manager secrets, with the length of the value each generates (32 unless declared). */
  public List<SecretDef> secrets() {
    return resourcesOfType("AWS::SecretsManager::Secret").stream().map(id -> new SecretDef(id,
        number(optionalMap(properties(id), "GenerateSecretString", id).get("PasswordLength"), 32))).toList();
  }

  /** One event of a function, with its untyped properties: only this class reads those. */
  private record Event(String functionId, String name, Map<String, Object> properties) {}

  private List<Event> events(String type) {
    List<Event> events = new ArrayList<>();
    for (String id : functionIds()) {
      optionalMap(properties(id), "Events", id).forEach((name, event) -> {
        Map<String, Object> e = map(event, name);
        if (type.equals(e.get("Type"))) {
          events.add(new Event(id, name, optionalMap(e, "Properties", name)));
        }
      });
    }
    return events;
  }

  private static boolean reportsBatchItemFailures(Map<String, Object> properties) {
    return list(properties.getOrDefault("FunctionResponseTypes", List.of()), "FunctionResponseTypes")
        .contains("ReportBatchItemFailures");
  }

  private static QueueDef.Redrive redrive(Map<String, Object> policy, String queueId) {
    return new QueueDef.Redrive(Intrinsics.referencedId(policy.get("deadLetterTargetArn"), queueId + ".deadLetterTargetArn"),
        number(policy.get("maxReceiveCount"), 0));
  }

  private static List<TableDef.Key> keys(Object schema) {
    List<TableDef.Key> keys = new ArrayList<>();
    for (Object k : list(schema, "KeySchema")) {
      Map<String, Object> key = map(k, "KeySchema item");
      keys.add(new TableDef.Key(string(key, "AttributeName"), string(key, "KeyType")));
    }
    return List.copyOf(keys);
  }

  private Map<String, Object> properties(String logicalId) {
    return optionalMap(resource(logicalId), "Properties", logicalId);
  }

  private Map<String, Object> variables(Map<String, Object> props) {
    return optionalMap(optionalMap(props, "Environment", "function"), "Variables", "Environment");
  }

  private Object withGlobal(Map<String, Object> props, String key) {
    return props.containsKey(key) ? props.get(key) : globals.get(key);
  }

  private Map<String, Object> resource(String logicalId) {
    Object resource = resources.get(logicalId);
    if (resource == null) {
      throw new IllegalArgumentException("No resource " + logicalId + " in template.yaml");
    }
    return map(resource, logicalId);
  }

  private static List<String> strings(Object value, Function<String, String> refs) {
    return value == null ? List.of() : list(value, "list").stream().map(o -> Intrinsics.resolve(o, refs)).toList();
  }
}
