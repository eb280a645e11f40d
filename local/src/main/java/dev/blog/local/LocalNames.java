package dev.blog.local;

import java.util.Map;
import java.util.function.Function;

/**
 * What {@code !Ref} and {@code !GetAtt} stand for on the local stack: the local names of the template's
 * resources, the deployment's parameters (defaults, with local overrides) and the pseudo parameters.
 */
final class LocalNames implements Function<String, String> {
  private final Template template;
  private final Map<String, String> tableNames;
  private final Map<String, String> parameters;
  private final Map<String, String> queueUrls;

  LocalNames(Template template, Map<String, String> tableNames, Map<String, String> parameterOverrides) {
    this(template, tableNames, Map.of(), parameterOverrides);
  }

  LocalNames(Template template, Map<String, String> tableNames, Map<String, String> queueUrls,
      Map<String, String> parameterOverrides) {
    this.template = template;
    this.tableNames = Map.copyOf(tableNames);
    this.queueUrls = Map.copyOf(queueUrls);
    Map<String, String> params = new java.util.HashMap<>(template.parameterDefaults());
    params.putAll(parameterOverrides);
    this.parameters = Map.copyOf(params);
  }

  static String queueArn(String queueName) {
    return "arn:aws:sqs:" + Template.REGION + ":" + Template.ACCOUNT + ":" + queueName;
  }

  static String secretArn(String logicalId) {
    return "arn:aws:secretsmanager:" + Template.REGION + ":" + Template.ACCOUNT + ":secret:" + logicalId;
  }

  @Override
  public String apply(String ref) {
    switch (ref) {
      case "AWS::Region":
        return Template.REGION;
      case "AWS::AccountId":
        return Template.ACCOUNT;
      case "AWS::Partition":
        return "aws";
      case "AWS::StackName":
        return "local";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      default:
        break;
    }
    if (parameters.containsKey(ref)) {
      return parameters.get(ref);
    }
    int dot = ref.indexOf('.');
    String id = dot < 0 ? ref : ref.substring(0, dot);
    String attribute = dot < 0 ? null : ref.substring(dot + 1);
    String type = template.typeOf(id);
    String name = switch (type) {
      case "AWS::DynamoDB::Table" -> tableNames.getOrDefault(id, id);
      case "AWS::SecretsManager::Secret" -> secretArn(id);
      // !Ref of a queue is its URL; its name (for the ARN) is the logical id.
      case "AWS::SQS::Queue" -> attribute == null ? queueUrls.getOrDefault(id, id) : id;
      default -> id;
    };
    if (attribute == null) {
      return name;
    }
    return switch (type + "." + attribute) {
      case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + Template.REGION + ":" + Template.ACCOUNT + ":table/" + name;
      case "AWS::Serverless::Function.Arn" ->
          "arn:aws:lambda:" + Template.REGION + ":" + Template.ACCOUNT + ":function:" + name;
      case "AWS::SQS::Queue.Arn" -> queueArn(name);
      case "AWS::DynamoDB::Table.StreamArn" -> "arn:aws:dynamodb:" + Template.REGION + ":" + Template.ACCOUNT + ":table/"
          + name + "/stream/local";
      default -> throw new IllegalStateException("The local stack cannot resolve !GetAtt " + ref);
    };
  }
}
