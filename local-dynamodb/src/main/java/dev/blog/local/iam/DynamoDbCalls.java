package dev.blog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What IAM authorises for one DynamoDB request, as DynamoDB asks it: one call for a single-item or table
 * operation; for a transaction, one per item with the item's own action (Put, Update, Delete and
 * ConditionCheck are PutItem, UpdateItem, DeleteItem and ConditionCheckItem; a transactional Get is GetItem);
 * for a batch, one per table; a Query or Scan of an index on the index's ARN ({@code table/T/index/I}). Each call
 * carries {@code dynamodb:LeadingKeys} (the partition key values it touches), {@code dynamodb:Attributes} (the
 * top-level attribute names it reads or writes: a read's projection, a put's item, an update's targets; a read
 * without a projection reads every attribute, which the local stack writes as the one name {@code *}, so that
 * only a policy allowing every name allows it), {@code dynamodb:Select} and {@code dynamodb:ReturnValues} where the
 * request has them.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html and
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
 */
final class DynamoDbCalls {
  private static final String STREAMS = "DynamoDBStreams_20120810.";
  private static final Pattern EQUALITY = Pattern.compile("([#\\w.]+)\\s*=\\s*(:\\w+)");

  /** Partition key names, by local table name: the table's, and each index's. */
  private final Map<String, String> tableKeys = new HashMap<>();
  private final Map<String, String> indexKeys = new HashMap<>();

  DynamoDbCalls(List<TableDef> tables, Map<String, String> tableNames) {
    for (TableDef table : tables) {
      String name = tableNames.getOrDefault(table.logicalId(), table.logicalId());
      tableKeys.put(name, hashKey(table.keySchema()));
      table.globalSecondaryIndexes().forEach(index -> indexKeys.put(name + "/" + index.name(), hashKey(index.keySchema())));
    }
  }

  List<Call> of(String target, JsonNode request) {
    // DynamoDB Streams' operations share DynamoDB's IAM prefix: dynamodb:GetRecords.
    String operation = target.startsWith(STREAMS) ? target.substring(STREAMS.length()) : target;
    List<Call> calls = new ArrayList<>();
    switch (operation) {
      case "GetItem", "DeleteItem", "UpdateItem" -> calls.add(item("dynamodb:" + operation, request, request.path("Key")));
      case "PutItem" -> calls.add(item("dynamodb:PutItem", request, request.path("Item")));
      case "Query", "Scan" -> calls.add(read(operation, request));
      case "TransactWriteItems", "TransactGetItems" -> request.path("TransactItems").forEach(entry -> {
        var field = entry.fields().next();
        JsonNode item = field.getValue();
        String action = switch (field.getKey()) {
          case "ConditionCheck" -> "dynamodb:ConditionCheckItem";
          default -> "dynamodb:" + field.getKey() + "Item";
        };
        calls.add(item(action, item, item.has("Item") ? item.path("Item") : item.path("Key")));
      });
      case "BatchGetItem" -> request.path("RequestItems").fields().forEachRemaining(table -> {
        Set<String> keys = new LinkedHashSet<>();
        table.getValue().path("Keys").forEach(key -> leadingKey(table.getKey(), key).ifPresent(keys::add));
        calls.add(Attributes.with(call("dynamodb:BatchGetItem", table.getKey(), request, List.copyOf(keys)),
            Attributes.read(table.getValue())));
      });
      case "BatchWriteItem" -> request.path("RequestItems").fields().forEachRemaining(table -> {
        Set<String> keys = new LinkedHashSet<>();
        table.getValue().forEach(write -> {
          JsonNode key = write.has("PutRequest") ? write.path("PutRequest").path("Item") : write.path("DeleteRequest").path("Key");
          leadingKey(table.getKey(), key).ifPresent(keys::add);
        });
        calls.add(call("dynamodb:BatchWriteItem", table.getKey(), request, List.copyOf(keys)));
      });
      case "ListTables", "DescribeLimits", "DescribeEndpoints", "ListBackups", "ListGlobalTables" ->
          calls.add(new Call("dynamodb:" + operation, "*"));
      default -> {
        String table = request.path("TableName").asText("");
        String arn = table.isEmpty() ? request.path("ResourceArn").asText(request.path("StreamArn").asText("*"))
            : LocalAccount.tableArn(table);
        calls.add(new Call("dynamodb:" + operation, arn));
      }
    }
    return calls;
  }

  private Call item(String action, JsonNode request, JsonNode key) {
    String table = request.path("TableName").asText();
    Call call = call(action, table, request, leadingKey(table, key).map(List::of).orElse(List.of()));
    List<String> attributes = switch (action) {
      case "dynamodb:GetItem" -> Attributes.read(request);
      case "dynamodb:PutItem" -> Attributes.names(request.path("Item"));
      case "dynamodb:UpdateItem" -> Attributes.updated(request);
      default -> List.of();
    };
    return Attributes.with(call, attributes);
  }

  /** A Query or Scan, of the table or of one of its indexes; a Query's leading key is its partition key's value. */
  private Call read(String operation, JsonNode request) {
    String table = request.path("TableName").asText();
    String index = request.path("IndexName").asText("");
    String keyName = index.isEmpty() ? tableKeys.get(table) : indexKeys.get(table + "/" + index);
    List<String> leading = List.of();
    if (operation.equals("Query") && keyName != null) {
      leading = queriedPartition(request, keyName).map(List::of).orElse(List.of());
    }
    Call call = Attributes.with(call("dynamodb:" + operation, table, request, leading), Attributes.read(request));
    return index.isEmpty() ? call : new Call(call.action(), call.resource() + "/index/" + index, call.context());
  }

  private Call call(String action, String table, JsonNode request, List<String> leadingKeys) {
    Map<String, List<String>> context = new HashMap<>();
    if (!leadingKeys.isEmpty()) {
      context.put("dynamodb:LeadingKeys", leadingKeys);
    }
    if (request.hasNonNull("Select")) {
      context.put("dynamodb:Select", List.of(request.get("Select").asText()));
    }
    if (request.hasNonNull("ReturnValues")) {
      context.put("dynamodb:ReturnValues", List.of(request.get("ReturnValues").asText()));
    }
    return new Call(action, LocalAccount.tableArn(table), context);
  }

  private java.util.Optional<String> leadingKey(String table, JsonNode key) {
    String name = tableKeys.get(table);
    return name == null || !key.has(name) ? java.util.Optional.empty() : java.util.Optional.of(scalar(key.get(name)));
  }

  /** The value a KeyConditionExpression (or the legacy KeyConditions) gives the partition key. */
  private static java.util.Optional<String> queriedPartition(JsonNode request, String keyName) {
    JsonNode legacy = request.path("KeyConditions").path(keyName).path("AttributeValueList");
    if (legacy.size() == 1) {
      return java.util.Optional.of(scalar(legacy.get(0)));
    }
    Matcher m = EQUALITY.matcher(request.path("KeyConditionExpression").asText(""));
    while (m.find()) {
      String name = m.group(1).startsWith("#") ? request.path("ExpressionAttributeNames").path(m.group(1)).asText() : m.group(1);
      JsonNode value = request.path("ExpressionAttributeValues").path(m.group(2));
      if (name.equals(keyName) && !value.isMissingNode()) {
        return java.util.Optional.of(scalar(value));
      }
    }
    return java.util.Optional.empty();
  }

  /** An attribute value's text: {"S": "x"} is x, {"N": "1"} is 1, {"B": "..."} its base64. */
  private static String scalar(JsonNode attributeValue) {
    var fields = attributeValue.fields();
    return fields.hasNext() ? fields.next().getValue().asText() : "";
  }

  private static String hashKey(List<TableDef.Key> schema) {
    return schema.stream().filter(k -> k.keyType().equals("HASH")).map(TableDef.Key::attributeName).findFirst().orElse("");
  }
}
