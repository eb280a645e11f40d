package dev.blog.local.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reading CloudFormation YAML: its short tags, and checked access to the loaded tree. */
final class CfnYaml {
  private CfnYaml() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("template.yaml: " + what + " should be a mapping, found " + value);
  }

  static List<?> list(Object value, String what) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalStateException("template.yaml: " + what + " should be a list, found " + value);
  }

  /** The mapping under {@code key}, or an empty one when the key is absent. */
  static Map<String, Object> optionalMap(Map<String, Object> parent, String key, String what) {
    Object value = parent.get(key);
    return value == null ? Map.of() : map(value, what + "." + key);
  }

  static int number(Object value, int fallback) {
    return value == null ? fallback : Integer.parseInt(String.valueOf(value));
  }

  static String string(Map<String, Object> parent, String key) {
    return String.valueOf(parent.get(key));
  }

  /** Turns CloudFormation's short forms into their long forms: {@code !Ref X} becomes {@code {Ref: X}}. */
  static final class Constructor extends SafeConstructor {
    Constructor() {
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
