package dev.blog.local.template;

import static dev.blog.local.template.CfnYaml.map;
import static dev.blog.local.template.CfnYaml.optionalMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A function's IAM statements as the deployed role will hold them: its {@code Policies} (inline policy documents),
 * plus what the SAM transform adds for its events and destinations
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html),
 * each with its intrinsics resolved. What the local stack cannot know the contents of (a SAM policy template, a
 * customer managed policy) fails loudly rather than being allowed or ignored.
 */
final class FunctionPolicies {
  /** AWS managed policies SAM attaches or a template may name that grant nothing on the local services. */
  private static final Set<String> LOGS_AND_TRACES_ONLY = Set.of("AWSLambdaBasicExecutionRole", "AWSXrayWriteOnlyAccess",
      "AWSXRayDaemonWriteAccess", "AWSLambdaVPCAccessExecutionRole", "CloudWatchLambdaInsightsExecutionRolePolicy");

  private FunctionPolicies() {}

  static List<PolicyStatement> read(String functionId, Map<String, Object> props, Function<String, String> refs) {
    List<PolicyStatement> statements = new ArrayList<>();
    Object policies = props.get("Policies");
    List<?> items = policies == null ? List.of() : policies instanceof List<?> l ? l : List.of(policies);
    for (int i = 0; i < items.size(); i++) {
      String where = functionId + ".Policies[" + i + "]";
      Object item = items.get(i);
      if (item instanceof String name) {
        managed(name, where);
        continue;
      }
      Map<String, Object> document = map(item, where);
      if (!document.containsKey("Statement")) {
        throw new IllegalStateException("template.yaml: " + where + " is " + document.keySet() + ": the local stack "
            + "evaluates inline policy documents ({Statement: [...]}) and no SAM policy template; write it as statements");
      }
      Object body = document.get("Statement");
      List<?> list = body instanceof List<?> l ? l : List.of(body);
      for (int s = 0; s < list.size(); s++) {
        statements.add(statement(map(list.get(s), where), "Policies[" + i + "].Statement[" + s + "]", refs));
      }
    }
    statements.addAll(addedBySam(props, refs));
    return List.copyOf(statements);
  }

  private static void managed(String name, String where) {
    String bare = name.substring(name.lastIndexOf('/') + 1);
    if (!LOGS_AND_TRACES_ONLY.contains(bare)) {
      throw new IllegalStateException("template.yaml: " + where + " names the managed policy " + name
          + ", whose statements the local stack cannot know; write them as an inline Statement");
    }
  }

  private static PolicyStatement statement(Map<String, Object> s, String origin, Function<String, String> refs) {
    String effect = String.valueOf(s.get("Effect"));
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw new IllegalStateException("template.yaml: " + origin + " has Effect " + effect + " (Allow or Deny)");
    }
    for (String key : s.keySet()) {
      if (!Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition").contains(key)) {
        throw new IllegalStateException("template.yaml: " + origin + "." + key + " is not evaluated by the local stack");
      }
    }
    boolean notAction = s.containsKey("NotAction");
    boolean notResource = s.containsKey("NotResource");
    List<PolicyStatement.Condition> conditions = new ArrayList<>();
    optionalMap(s, "Condition", origin).forEach((operator, block) -> map(block, origin + ".Condition." + operator)
        .forEach((key, values) -> conditions.add(new PolicyStatement.Condition(operator, key, strings(values, refs)))));
    return new PolicyStatement(origin, effect.equals("Allow"), strings(s.get(notAction ? "NotAction" : "Action"), refs),
        notAction, strings(s.get(notResource ? "NotResource" : "Resource"), refs), notResource, conditions);
  }

  /**
   * What SAM's transform adds to the role: the poller's managed policy for an SQS or DynamoDB stream event, and a
   * send to each asynchronous-invocation destination (as .ci/lint-transformed-template shows it).
   */
  private static List<PolicyStatement> addedBySam(Map<String, Object> props, Function<String, String> refs) {
    List<PolicyStatement> added = new ArrayList<>();
    optionalMap(props, "Events", "function").forEach((name, event) -> {
      Object type = map(event, name).get("Type");
      if ("SQS".equals(type)) {
        added.add(PolicyStatement.allow("SAM: AWSLambdaSQSQueueExecutionRole for event " + name,
            List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"), List.of("*")));
      } else if ("DynamoDB".equals(type)) {
        added.add(PolicyStatement.allow("SAM: AWSLambdaDynamoDBExecutionRole for event " + name, List.of(
            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"), List.of("*")));
      }
    });
    Map<String, Object> destinations = optionalMap(optionalMap(props, "EventInvokeConfig", "function"), "DestinationConfig",
        "EventInvokeConfig");
    destinations.forEach((outcome, value) -> {
      Map<String, Object> destination = map(value, "DestinationConfig." + outcome);
      String action = switch (String.valueOf(destination.get("Type"))) {
        case "SQS" -> "sqs:SendMessage";
        case "SNS" -> "sns:Publish";
        case "Lambda" -> "lambda:InvokeFunction";
        case "EventBridge" -> "events:PutEvents";
        default -> throw new IllegalStateException("template.yaml: DestinationConfig." + outcome + " has an unknown Type");
      };
      added.add(PolicyStatement.allow("SAM: EventInvokeConfig " + outcome + " destination", List.of(action),
          List.of(Intrinsics.resolve(destination.get("Destination"), refs))));
    });
    return added;
  }

  private static List<String> strings(Object value, Function<String, String> refs) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object item : value instanceof List<?> l ? l : List.of(value)) {
      out.add(Intrinsics.resolve(item, refs));
    }
    return out;
  }
}
