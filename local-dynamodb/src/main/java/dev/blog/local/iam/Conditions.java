package dev.blog.local.iam;

import dev.blog.local.template.PolicyStatement.Condition;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * IAM's condition operators, as far as the local stack evaluates them: the string and ARN operators, Bool and
 * Null, each with {@code IfExists}, and the set operators {@code ForAllValues:} and {@code ForAnyValue:} for
 * multivalued keys such as {@code dynamodb:LeadingKeys}. Rules as in
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
 * a key the request lacks fails a positive operator and passes a negated one ({@code StringNotEquals}) or any
 * {@code ...IfExists}; {@code ForAllValues} passes an absent or empty key, {@code ForAnyValue} fails it.
 */
final class Conditions {
  /** The keys the local stack puts in a request's context (lower case); a policy using another fails to load. */
  static final Set<String> KNOWN_KEYS = Set.of("dynamodb:leadingkeys", "dynamodb:attributes", "dynamodb:select",
      "dynamodb:returnvalues", "ses:fromaddress", "ses:recipients", "ses:apiversion", "aws:principalarn", "aws:requestedregion");

  private Conditions() {}

  /** An operator taken apart: {@code ForAllValues:StringLikeIfExists} is set "all", base StringLike, if-exists. */
  private record Operator(String set, String base, boolean ifExists) {
    static Operator of(String text) {
      String set = "";
      String rest = text;
      if (rest.startsWith("ForAllValues:")) {
        set = "all";
        rest = rest.substring("ForAllValues:".length());
      } else if (rest.startsWith("ForAnyValue:")) {
        set = "any";
        rest = rest.substring("ForAnyValue:".length());
      }
      boolean ifExists = rest.endsWith("IfExists") && !rest.equals("Null");
      return new Operator(set, ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest, ifExists);
    }

    boolean negated() {
      return base.contains("Not");
    }

    /** Whether one request value matches one of the policy's values, before negation. */
    BiPredicate<String, String> match() {
      return switch (base) {
        case "StringEquals", "StringNotEquals" -> (policy, value) -> policy.equals(value);
        case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> (policy, value) -> policy.equalsIgnoreCase(value);
        case "StringLike", "StringNotLike" -> Wildcards::matches;
        case "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike" -> Wildcards::resourceMatches;
        case "Bool" -> (policy, value) -> policy.equalsIgnoreCase(value);
        default -> null;
      };
    }
  }

  /** Fails, naming the statement, on an operator or key the local stack would evaluate wrongly. */
  static void check(Condition condition, String origin) {
    Operator operator = Operator.of(condition.operator());
    if (!operator.base().equals("Null") && operator.match() == null) {
      throw new IllegalStateException("template.yaml: " + origin + " uses the condition operator " + condition.operator()
          + ", which the local stack does not evaluate");
    }
    if (!KNOWN_KEYS.contains(condition.key().toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException("template.yaml: " + origin + " uses the condition key " + condition.key()
          + ", which the local stack does not put in requests (it knows " + KNOWN_KEYS + ")");
    }
  }

  /** Whether the condition holds for {@code call}. */
  static boolean holds(Condition condition, Call call) {
    Operator operator = Operator.of(condition.operator());
    List<String> values = call.values(condition.key());
    boolean absent = values == null || values.isEmpty();
    if (operator.base().equals("Null")) {
      return condition.values().stream().anyMatch(v -> v.equalsIgnoreCase(String.valueOf(absent)));
    }
    if (absent) {
      return switch (operator.set()) {
        case "all" -> true;
        case "any" -> false;
        default -> operator.ifExists() || operator.negated();
      };
    }
    BiPredicate<String, String> match = operator.match();
    java.util.function.Predicate<String> satisfies = value -> operator.negated()
        ? condition.values().stream().noneMatch(policy -> match.test(policy, value))
        : condition.values().stream().anyMatch(policy -> match.test(policy, value));
    return switch (operator.set()) {
      case "all" -> values.stream().allMatch(satisfies);
      default -> values.stream().anyMatch(satisfies);
    };
  }
}
