package dev.blog.local.template;

import java.util.List;

/**
 * One statement of a function's IAM policies as template.yaml declares it (or as SAM adds it for the function's
 * events), its intrinsics resolved to the local stack's names: {@code Action} or {@code NotAction},
 * {@code Resource} or {@code NotResource}, and its conditions, one per operator and key.
 *
 * @param origin where it comes from, for the stack's log: {@code "Policies[0].Statement[1]"} or the SAM addition
 */
public record PolicyStatement(String origin, boolean allow, List<String> actions, boolean notAction,
    List<String> resources, boolean notResource, List<Condition> conditions) {

  public PolicyStatement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /** An Allow of {@code actions} on {@code resources} without conditions (what SAM adds for an event). */
  static PolicyStatement allow(String origin, List<String> actions, List<String> resources) {
    return new PolicyStatement(origin, true, actions, false, resources, false, List.of());
  }

  /** {@code "ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["IDEMPOTENCY#*"]}} is one condition. */
  public record Condition(String operator, String key, List<String> values) {
    public Condition {
      values = List.copyOf(values);
    }
  }
}
