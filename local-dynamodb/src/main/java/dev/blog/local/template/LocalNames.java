package dev.blog.local.template;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code !Ref} and {@code !GetAtt} stand for on the local stack: the local names of the template's
 * resources, the deployment's parameters (defaults, with local overrides) and the pseudo parameters.
 */
public final class LocalNames implements Function<String, String> {
  private final Template template;
  private final Map<String, String> tableNames;
  private final Map<String, String> parameters;
  private final Map<String, String> queueUrls;

  public LocalNames(Template template, Map<String, String> tableNames, Map<String, String> parameterOverrides) {
    this(template, tableNames, Map.of(), parameterOverrides);
  }

  public LocalNames(Template template, Map<String, String> tableNames, Map<String, String> queueUrls,
      Map<String, String> parameterOverrides) {
    this.template = template;
    this.tableNames = Map.copyOf(tableNames);
    this.queueUrls = Map.copyOf(queueUrls);
    Map<String, String> params = new HashMap<>(template.parameterDefaults());
    params.putAll(parameterOverrides);
    this.parameters = Map.copyOf(params);
  }

  @Override
  public String apply(String ref) {
    switch (ref) {
      case "AWS::Region":
        return LocalAccount.REGION;
      case "AWS::AccountId":
        return LocalAccount.ACCOUNT;
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
      case "AWS::SecretsManager::Secret" -> LocalAccount.secretArn(id);
      // !Ref of a queue is its URL; its name (for the ARN) is the logical id.
      case "AWS::SQS::Queue" -> attribute == null ? queueUrls.getOrDefault(id, id) : id;
      default -> id;
    };
    if (attribute == null) {
      return name;
    }
    return switch (type + "." + attribute) {
      case "AWS::DynamoDB::Table.Arn" -> LocalAccount.tableArn(name);
      case "AWS::Serverless::Function.Arn" -> LocalAccount.functionArn(name);
      case "AWS::SQS::Queue.Arn" -> LocalAccount.queueArn(name);
      case "AWS::DynamoDB::Table.StreamArn" -> LocalAccount.tableArn(name) + "/stream/local";
      default -> throw new IllegalStateException("The local stack cannot resolve !GetAtt " + ref);
    };
  }
}
