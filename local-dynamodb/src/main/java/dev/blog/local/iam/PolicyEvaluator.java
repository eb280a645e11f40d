package dev.blog.local.iam;

import dev.blog.local.template.PolicyStatement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * IAM's decision for one principal's identity-based policies: an explicit Deny wins, else an Allow whose action,
 * resource and every condition match allows, else the call is implicitly denied.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
public final class PolicyEvaluator {
  private final List<PolicyStatement> statements;

  /** Fails, naming the statement, on a condition the local stack cannot evaluate faithfully. */
  public PolicyEvaluator(List<PolicyStatement> statements) {
    for (PolicyStatement statement : statements) {
      statement.conditions().forEach(condition -> Conditions.check(condition, statement.origin()));
    }
    this.statements = List.copyOf(statements);
  }

  public Decision evaluate(Call call) {
    for (PolicyStatement statement : statements) {
      if (!statement.allow() && applies(statement, call) && conditionsHold(statement, call)) {
        return new Decision(Decision.Outcome.EXPLICITLY_DENIED, "explicitly denied by " + statement.origin(),
            java.util.Optional.of(statement));
      }
    }
    PolicyStatement unmet = null;
    for (PolicyStatement statement : statements) {
      if (statement.allow() && applies(statement, call)) {
        if (conditionsHold(statement, call)) {
          return new Decision(Decision.Outcome.ALLOWED, "allowed by " + statement.origin(), java.util.Optional.of(statement));
        }
        unmet = statement;
      }
    }
    if (unmet != null) {
      return new Decision(Decision.Outcome.IMPLICITLY_DENIED, unmet.origin() + " allows " + call.action() + " on "
          + call.resource() + " only if " + describe(unmet, call));
    }
    return new Decision(Decision.Outcome.IMPLICITLY_DENIED, "no statement allows " + call.action() + " on " + call.resource());
  }

  private static boolean applies(PolicyStatement statement, Call call) {
    boolean action = statement.actions().stream().anyMatch(p -> Wildcards.actionMatches(p, call.action()));
    boolean resource = statement.resources().stream().anyMatch(p -> Wildcards.resourceMatches(p, call.resource()));
    return action != statement.notAction() && resource != statement.notResource();
  }

  private static boolean conditionsHold(PolicyStatement statement, Call call) {
    return statement.conditions().stream().allMatch(condition -> Conditions.holds(condition, call));
  }

  /** The conditions that fail, with what the request had: {@code StringEquals ses:FromAddress [a] (request: [b])}. */
  private static String describe(PolicyStatement statement, Call call) {
    return statement.conditions().stream().filter(c -> !Conditions.holds(c, call))
        .map(c -> c.operator() + " " + c.key() + " " + c.values() + " (request: "
            + (call.values(c.key()) == null ? "none" : call.values(c.key())) + ")")
        .collect(Collectors.joining(" and "));
  }
}
