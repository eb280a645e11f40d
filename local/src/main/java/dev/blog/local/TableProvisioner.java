package dev.blog.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the AWS::DynamoDB::Table resources of template.yaml exactly as declared there (key schema,
 * attribute definitions, global secondary indexes), so that local data has the shape it has in AWS.
 * A table that already exists (kept under .data/) is left as it is.
 */
final class TableProvisioner {
  private final Template template;

  TableProvisioner(Template template) {
    this.template = template;
  }

  Map<String, String> create(DynamoDbClient client, String suffix) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String id : template.resourcesOfType("AWS::DynamoDB::Table")) {
      String name = id + suffix;
      Map<String, Object> p = template.properties(id);
      try {
        client.createTable(b -> b.tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName"))
                    .attributeType(str(a, "AttributeType")).build()).toList())
            .keySchema(keys(p.get("KeySchema")))
            .globalSecondaryIndexes(p.containsKey("GlobalSecondaryIndexes")
                ? list(p.get("GlobalSecondaryIndexes")).stream().map(TableProvisioner::index).toList()
                : null)
            .streamSpecification(p.get("StreamSpecification") instanceof Map<?, ?> stream
                ? StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(String.valueOf(stream.get("StreamViewType"))).build()
                : null));
      } catch (ResourceInUseException alreadyThere) {
        // kept from an earlier run
      }
      names.put(id, name);
    }
    return names;
  }

  private static GlobalSecondaryIndex index(Map<String, Object> gsi) {
    Map<String, Object> projection = Template.map(gsi.get("Projection"), "Projection");
    return GlobalSecondaryIndex.builder()
        .indexName(str(gsi, "IndexName"))
        .keySchema(keys(gsi.get("KeySchema")))
        .projection(Projection.builder().projectionType(str(projection, "ProjectionType"))
            .nonKeyAttributes(projection.containsKey("NonKeyAttributes")
                ? ((List<?>) projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList() : null)
            .build())
        .build();
  }

  private static List<KeySchemaElement> keys(Object schema) {
    return list(schema).stream().map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName"))
        .keyType(str(k, "KeyType")).build()).toList();
  }

  private static List<Map<String, Object>> list(Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<?>) value) {
      out.add(Template.map(o, "list item"));
    }
    return out;
  }

  private static String str(Map<String, Object> m, String key) {
    return String.valueOf(m.get(key));
  }
}
