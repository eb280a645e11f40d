package dev.blog.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What the local stack needs of template.yaml, read from the file itself (it is the single source of
 * truth): functions with their handler, jar, merged Globals and resolved environment; the HttpApi's
 * routes, default authorizer and CORS; the DynamoDB tables; the secrets; the parameters' defaults.
 */
public final class Template {
  /** Identity of this emulated "account"; values are the conventional ones of local AWS emulators. */
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "000000000000";

  public record Route(String method, String path, String functionId, boolean authorized) {
    public String routeKey() {
      return method + " " + path;
    }
  }

  public record Authorizer(String functionId, List<String> identityHeaders, int reauthorizeEverySeconds,
      boolean simpleResponses) {}

  public record Cors(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods,
      List<String> exposeHeaders, int maxAge, boolean allowCredentials) {}

  public record FunctionDef(String logicalId, String handler, Path jar, int memoryMb, int timeoutSeconds,
      Map<String, Object> environment) {}

  private final Path projectDir;
  private final Map<String, Object> root;
  private final Map<String, Object> resources;
  private final Map<String, Object> globals;

  private Template(Path projectDir, Map<String, Object> root) {
    this.projectDir = projectDir;
    this.root = root;
    this.resources = map(root.get("Resources"), "Resources");
    this.globals = root.containsKey("Globals") ? map(map(root.get("Globals"), "Globals").get("Function"), "Globals.Function")
        : Map.of();
  }

  public static Template load(Path projectDir) {
    Path file = projectDir.resolve("template.yaml");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object loaded = new Yaml(new CfnConstructor()).load(reader);
      return new Template(projectDir, map(loaded, "template.yaml"));
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

  public Map<String, Object> properties(String logicalId) {
    Object properties = resource(logicalId).get("Properties");
    return properties == null ? Map.of() : map(properties, logicalId + ".Properties");
  }

  public String typeOf(String logicalId) {
    return (String) resource(logicalId).get("Type");
  }

  public Map<String, String> parameterDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    Object parameters = root.get("Parameters");
    if (parameters != null) {
      map(parameters, "Parameters").forEach((name, def) -> {
        Object value = map(def, name).get("Default");
        if (value != null) {
          defaults.put(name, String.valueOf(value));
        }
      });
    }
    return defaults;
  }

  public List<String> functionIds() {
    return resourcesOfType("AWS::Serverless::Function");
  }

  public FunctionDef function(String logicalId) {
    if (!"AWS::Serverless::Function".equals(typeOf(logicalId))) {
      throw new IllegalArgumentException(logicalId + " is not an AWS::Serverless::Function in template.yaml");
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
    return new FunctionDef(logicalId, handler, projectDir.resolve(codeUri).normalize(),
        number(withGlobal(props, "MemorySize"), 128), number(withGlobal(props, "Timeout"), 3), env);
  }

  /** The routes of every HttpApi event, in template order. */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (String id : functionIds()) {
      Object events = properties(id).get("Events");
      if (events == null) {
        continue;
      }
      map(events, id + ".Events").forEach((name, event) -> {
        Map<String, Object> e = map(event, name);
        if ("HttpApi".equals(e.get("Type"))) {
          Map<String, Object> p = e.containsKey("Properties") ? map(e.get("Properties"), name) : Map.of();
          String method = String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase();
          String path = String.valueOf(p.getOrDefault("Path", "$default"));
          Object auth = p.get("Auth");
          boolean open = auth != null && "NONE".equals(map(auth, name + ".Auth").get("Authorizer"));
          routes.add(new Route("*".equals(method) ? "ANY" : method, path, id, !open));
        }
      });
    }
    return routes;
  }

  /** An event source of a function other than HttpApi (SQS, DynamoDB, Schedule), with its properties. */
  public record EventSource(String functionId, String name, String type, Map<String, Object> properties) {}

  /** Every event of that type (SQS, DynamoDB, Schedule, ...) across the template's functions. */
  public List<EventSource> eventSources(String type) {
    List<EventSource> sources = new ArrayList<>();
    for (String id : functionIds()) {
      Object events = properties(id).get("Events");
      if (events == null) {
        continue;
      }
      map(events, id + ".Events").forEach((name, event) -> {
        Map<String, Object> e = map(event, name);
        if (type.equals(e.get("Type"))) {
          sources.add(new EventSource(id, name, type,
              e.containsKey("Properties") ? map(e.get("Properties"), name) : Map.of()));
        }
      });
    }
    return sources;
  }

  /** The HttpApi's default Lambda authorizer, if it has one. */
  public Optional<Authorizer> defaultAuthorizer() {
    for (String api : resourcesOfType("AWS::Serverless::HttpApi")) {
      Object auth = properties(api).get("Auth");
      if (auth == null) {
        continue;
      }
      Map<String, Object> a = map(auth, api + ".Auth");
      Object name = a.get("DefaultAuthorizer");
      if (name == null) {
        continue;
      }
      Map<String, Object> def = map(map(a.get("Authorizers"), "Authorizers").get(name), String.valueOf(name));
      String functionId = getAttTarget(def.get("FunctionArn"));
      Map<String, Object> identity = def.containsKey("Identity") ? map(def.get("Identity"), "Identity") : Map.of();
      @SuppressWarnings("unchecked")
      List<String> headers = (List<String>) identity.getOrDefault("Headers", List.of("Authorization"));
      return Optional.of(new Authorizer(functionId, List.copyOf(headers),
          number(identity.get("ReauthorizeEvery"), 300), Boolean.TRUE.equals(def.get("EnableSimpleResponses"))));
    }
    return Optional.empty();
  }

  /** The HttpApi's CORS configuration, its values resolved with {@code refs} (origins are often parameters). */
  public Optional<Cors> cors(Function<String, String> refs) {
    for (String api : resourcesOfType("AWS::Serverless::HttpApi")) {
      Object cors = properties(api).get("CorsConfiguration");
      if (cors instanceof Map<?, ?>) {
        Map<String, Object> c = map(cors, "CorsConfiguration");
        return Optional.of(new Cors(strings(c.get("AllowOrigins"), refs), strings(c.get("AllowHeaders"), refs),
            strings(c.get("AllowMethods"), refs), strings(c.get("ExposeHeaders"), refs), number(c.get("MaxAge"), 0),
            Boolean.TRUE.equals(c.get("AllowCredentials"))));
      }
    }
    return Optional.empty();
  }

  /** Resolves CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select) with {@code refs}. */
  public static String resolve(Object value, Function<String, String> refs) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    Map<String, Object> fn = map(value, "intrinsic");
    if (fn.size() == 1) {
      var entry = fn.entrySet().iterator().next();
      Object arg = entry.getValue();
      switch (entry.getKey()) {
        case "Ref":
          return refs.apply(String.valueOf(arg));
        case "Fn::GetAtt": {
          String target = arg instanceof List<?> l ? l.get(0) + "." + l.get(1) : String.valueOf(arg);
          return refs.apply(target);
        }
        case "Fn::Sub": {
          String text;
          Map<String, Object> vars = Map.of();
          if (arg instanceof List<?> l) {
            text = String.valueOf(l.get(0));
            vars = map(l.get(1), "Fn::Sub variables");
          } else {
            text = String.valueOf(arg);
          }
          return substitute(text, vars, refs);
        }
        case "Fn::Join": {
          List<?> l = (List<?>) arg;
          List<String> parts = new ArrayList<>();
          for (Object part : (List<?>) l.get(1)) {
            parts.add(resolve(part, refs));
          }
          return String.join(String.valueOf(l.get(0)), parts);
        }
        case "Fn::Select": {
          List<?> l = (List<?>) arg;
          return resolve(((List<?>) l.get(1)).get(Integer.parseInt(resolve(l.get(0), refs))), refs);
        }
        default:
          break;
      }
    }
    throw new IllegalStateException("The local stack cannot resolve " + value);
  }

  private static String substitute(String text, Map<String, Object> vars, Function<String, String> refs) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, start);
      if (start + 2 < text.length() && text.charAt(start + 2) == '!') { // ${!Literal}
        int end = text.indexOf('}', start);
        out.append("${").append(text, start + 3, end + 1);
        i = end + 1;
        continue;
      }
      int end = text.indexOf('}', start);
      String name = text.substring(start + 2, end);
      out.append(vars.containsKey(name) ? resolve(vars.get(name), refs) : refs.apply(name));
      i = end + 1;
    }
    return out.toString();
  }

  /** The function behind {@code !GetAtt Fn.Arn} or {@code !Ref Fn.Alias} (the alias SnapStart publishes). */
  private static String getAttTarget(Object reference) {
    Map<String, Object> fn = map(reference, "FunctionArn");
    Object arg = fn.containsKey("Fn::GetAtt") ? fn.get("Fn::GetAtt") : fn.get("Ref");
    if (arg instanceof List<?> l) {
      return String.valueOf(l.get(0));
    }
    if (arg instanceof String s) {
      return s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
    }
    throw new IllegalStateException("The authorizer's FunctionArn must be !GetAtt <Function>.Arn or !Ref <Function>.Alias");
  }

  private Map<String, Object> variables(Map<String, Object> props) {
    Object environment = props.get("Environment");
    if (environment == null) {
      return Map.of();
    }
    Object variables = map(environment, "Environment").get("Variables");
    return variables == null ? Map.of() : map(variables, "Environment.Variables");
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

  private static int number(Object value, int fallback) {
    return value == null ? fallback : Integer.parseInt(String.valueOf(value));
  }

  private static List<String> strings(Object value, Function<String, String> refs) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) value) {
      out.add(resolve(o, refs));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("template.yaml: " + what + " should be a mapping, found " + value);
  }

  /** Turns CloudFormation's short forms into their long forms: {@code !Ref X} becomes {@code {Ref: X}}. */
  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor() {
      super(new LoaderOptions());
      for (String fn : List.of("Ref", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
          "FindInMap", "Base64", "GetAZs", "ImportValue", "Condition", "Cidr", "Length", "ToJsonString")) {
        String key = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
        yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
          @Override
          public Object construct(Node node) {
            Object value;
            if (node instanceof ScalarNode scalar) {
              String text = constructScalar(scalar);
              value = fn.equals("GetAtt") ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                  : text;
            } else if (node instanceof SequenceNode sequence) {
              value = constructSequence(sequence);
            } else {
              value = constructMapping((MappingNode) node);
            }
            return Map.of(key, value);
          }
        });
      }
    }
  }
}
