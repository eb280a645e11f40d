package dev.blog.local.dynamodb;

import dev.blog.local.template.TableDef;
import dev.blog.local.template.Template;
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
 * attribute definitions, global secondary indexes, stream), so that local data has the shape it has in AWS.
 * A table that already exists (kept under .data/) is left as it is.
 */
public final class TableProvisioner {
  private final Template template;

  public TableProvisioner(Template template) {
    this.template = template;
  }

  /** Creates every table as {@code <LogicalId><suffix>}; answers logical id to table name. */
  public Map<String, String> create(DynamoDbClient client, String suffix) {
    Map<String, String> names = new LinkedHashMap<>();
    for (TableDef table : template.tables()) {
      String name = table.logicalId() + suffix;
      try {
        client.createTable(b -> b.tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(table.attributes().stream()
                .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type()).build()).toList())
            .keySchema(keys(table.keySchema()))
            .globalSecondaryIndexes(table.globalSecondaryIndexes().isEmpty() ? null
                : table.globalSecondaryIndexes().stream().map(TableProvisioner::index).toList())
            .streamSpecification(table.streamViewType()
                .map(view -> StreamSpecification.builder().streamEnabled(true).streamViewType(view).build())
                .orElse(null)));
      } catch (ResourceInUseException alreadyThere) {
        // kept from an earlier run
      }
      names.put(table.logicalId(), name);
    }
    return names;
  }

  private static GlobalSecondaryIndex index(TableDef.Index gsi) {
    return GlobalSecondaryIndex.builder()
        .indexName(gsi.name())
        .keySchema(keys(gsi.keySchema()))
        .projection(Projection.builder().projectionType(gsi.projectionType())
            .nonKeyAttributes(gsi.nonKeyAttributes().isEmpty() ? null : gsi.nonKeyAttributes())
            .build())
        .build();
  }

  private static List<KeySchemaElement> keys(List<TableDef.Key> schema) {
    return schema.stream()
        .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build()).toList();
  }
}
