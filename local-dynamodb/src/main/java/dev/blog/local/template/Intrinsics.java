package dev.blog.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** CloudFormation's intrinsic functions, as far as the local stack honours them. */
public final class Intrinsics {
  private Intrinsics() {}

  /** Resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join and Fn::Select with {@code refs}; fails loudly on anything else. */
  public static String resolve(Object value, Function<String, String> refs) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    Map<String, Object> fn = CfnYaml.map(value, "intrinsic");
    if (fn.size() == 1) {
      var entry = fn.entrySet().iterator().next();
      Object arg = entry.getValue();
      switch (entry.getKey()) {
        case "Ref":
          return refs.apply(String.valueOf(arg));
        case "Fn::GetAtt":
          return refs.apply(arg instanceof List<?> l ? l.get(0) + "." + l.get(1) : String.valueOf(arg));
        case "Fn::Sub":
          if (arg instanceof List<?> l) {
            return substitute(String.valueOf(l.get(0)), CfnYaml.map(l.get(1), "Fn::Sub variables"), refs);
          }
          return substitute(String.valueOf(arg), Map.of(), refs);
        case "Fn::Join": {
          List<?> l = CfnYaml.list(arg, "Fn::Join");
          List<String> parts = new ArrayList<>();
          for (Object part : CfnYaml.list(l.get(1), "Fn::Join values")) {
            parts.add(resolve(part, refs));
          }
          return String.join(String.valueOf(l.get(0)), parts);
        }
        case "Fn::Select": {
          List<?> l = CfnYaml.list(arg, "Fn::Select");
          return resolve(CfnYaml.list(l.get(1), "Fn::Select values").get(Integer.parseInt(resolve(l.get(0), refs))), refs);
        }
        default:
          break;
      }
    }
    throw new IllegalStateException("The local stack cannot resolve " + value);
  }

  /**
   * The logical id a reference names: {@code !GetAtt X.Arn} and {@code !Ref X} (or {@code !Ref X.Alias}, the
   * alias SnapStart publishes) are X.
   */
  static String referencedId(Object reference, String what) {
    Map<String, Object> fn = CfnYaml.map(reference, what);
    Object arg = fn.containsKey("Fn::GetAtt") ? fn.get("Fn::GetAtt") : fn.get("Ref");
    if (arg instanceof List<?> l && !l.isEmpty()) {
      return String.valueOf(l.get(0));
    }
    if (arg instanceof String s) {
      return s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
    }
    throw new IllegalStateException("template.yaml: " + what + " must be !GetAtt <Resource>.<Attribute> or !Ref <Resource>");
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
      int end = text.indexOf('}', start);
      if (start + 2 < text.length() && text.charAt(start + 2) == '!') { // ${!Literal}
        out.append("${").append(text, start + 3, end + 1);
      } else {
        String name = text.substring(start + 2, end);
        out.append(vars.containsKey(name) ? resolve(vars.get(name), refs) : refs.apply(name));
      }
      i = end + 1;
    }
    return out.toString();
  }
}
