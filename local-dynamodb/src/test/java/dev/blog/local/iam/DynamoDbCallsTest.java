package dev.blog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.local.template.TableDef;
import dev.blog.local.template.TableDef.Key;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which actions on which resources, with which leading keys, a DynamoDB request asks IAM for. */
class DynamoDbCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/";
  private final DynamoDbCalls calls = new DynamoDbCalls(List.of(
      new TableDef("AppTable", List.of(), List.of(new Key("pk", "HASH"), new Key("sk", "RANGE")),
          List.of(new TableDef.Index("gsi1", List.of(new Key("gsi1pk", "HASH"), new Key("gsi1sk", "RANGE")), "ALL", List.of())),
          java.util.Optional.empty(), java.util.Optional.empty()),
      new TableDef("OutboxTable", List.of(), List.of(new Key("pk", "HASH")), List.of(), java.util.Optional.empty(),
          java.util.Optional.empty())),
      Map.of("AppTable", "app-local", "OutboxTable", "outbox-local"));

  private List<Call> of(String operation, String json) throws Exception {
    return calls.of(operation, JSON.readTree(json));
  }

  @Test
  void aSingleItemCallIsItsOwnActionOnItsTableWithThePartitionKeyAsLeadingKey() throws Exception {
    assertThat(of("GetItem", "{\"TableName\":\"app-local\",\"Key\":{\"pk\":{\"S\":\"USER#1\"},\"sk\":{\"S\":\"A\"}}}"))
        .containsExactly(new Call("dynamodb:GetItem", ARN + "app-local", Map.of("dynamodb:LeadingKeys", List.of("USER#1"),
            "dynamodb:Attributes", List.of("*"))));
    assertThat(of("PutItem", "{\"TableName\":\"app-local\",\"Item\":{\"pk\":{\"S\":\"P\"},\"x\":{\"N\":\"1\"}},"
        + "\"ReturnValues\":\"ALL_OLD\"}")).containsExactly(new Call("dynamodb:PutItem", ARN + "app-local",
            Map.of("dynamodb:LeadingKeys", List.of("P"), "dynamodb:ReturnValues", List.of("ALL_OLD"),
                "dynamodb:Attributes", List.of("pk", "x"))));
  }

  @Test
  void eachItemOfATransactionIsAuthorisedWithItsOwnActionOnItsOwnTable() throws Exception {
    List<Call> items = of("TransactWriteItems", "{\"TransactItems\":["
        + "{\"Put\":{\"TableName\":\"app-local\",\"Item\":{\"pk\":{\"S\":\"USER#1\"},\"sk\":{\"S\":\"A\"}}}},"
        + "{\"Update\":{\"TableName\":\"app-local\",\"Key\":{\"pk\":{\"S\":\"COUNTER\"},\"sk\":{\"S\":\"A\"}}}},"
        + "{\"Delete\":{\"TableName\":\"app-local\",\"Key\":{\"pk\":{\"S\":\"EMAIL#x\"},\"sk\":{\"S\":\"A\"}}}},"
        + "{\"ConditionCheck\":{\"TableName\":\"app-local\",\"Key\":{\"pk\":{\"S\":\"USER#2\"},\"sk\":{\"S\":\"A\"}}}},"
        + "{\"Put\":{\"TableName\":\"outbox-local\",\"Item\":{\"pk\":{\"S\":\"OUTBOX#1\"}}}}]}");
    assertThat(items).extracting(Call::action, Call::resource).containsExactly(
        org.assertj.core.groups.Tuple.tuple("dynamodb:PutItem", ARN + "app-local"),
        org.assertj.core.groups.Tuple.tuple("dynamodb:UpdateItem", ARN + "app-local"),
        org.assertj.core.groups.Tuple.tuple("dynamodb:DeleteItem", ARN + "app-local"),
        org.assertj.core.groups.Tuple.tuple("dynamodb:ConditionCheckItem", ARN + "app-local"),
        org.assertj.core.groups.Tuple.tuple("dynamodb:PutItem", ARN + "outbox-local"));
    assertThat(items.get(2).values("dynamodb:LeadingKeys")).containsExactly("EMAIL#x");
    assertThat(of("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"app-local\",\"Key\":{\"pk\":{\"S\":\"U\"}}}}]}"))
        .extracting(Call::action).containsExactly("dynamodb:GetItem");
  }

  @Test
  void aBatchIsOneCallPerTableWithEveryPartitionKeyItTouches() throws Exception {
    List<Call> batch = of("BatchGetItem", "{\"RequestItems\":{"
        + "\"app-local\":{\"Keys\":[{\"pk\":{\"S\":\"USER#1\"},\"sk\":{\"S\":\"A\"}},{\"pk\":{\"S\":\"USER#2\"},\"sk\":{\"S\":\"A\"}}]},"
        + "\"outbox-local\":{\"Keys\":[{\"pk\":{\"S\":\"OUTBOX#1\"}}]}}}");
    assertThat(batch).containsExactlyInAnyOrder(
        new Call("dynamodb:BatchGetItem", ARN + "app-local", Map.of("dynamodb:LeadingKeys", List.of("USER#1", "USER#2"),
            "dynamodb:Attributes", List.of("*"))),
        new Call("dynamodb:BatchGetItem", ARN + "outbox-local", Map.of("dynamodb:LeadingKeys", List.of("OUTBOX#1"),
            "dynamodb:Attributes", List.of("*"))));
    assertThat(of("BatchWriteItem", "{\"RequestItems\":{\"app-local\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"A\"}}}},"
        + "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"B\"}}}}]}}")).containsExactly(
        new Call("dynamodb:BatchWriteItem", ARN + "app-local", Map.of("dynamodb:LeadingKeys", List.of("A", "B"))));
  }

  @Test
  void aQueryOfAnIndexIsOnTheIndexArnWithTheQueriedPartitionAsLeadingKey() throws Exception {
    assertThat(of("Query", "{\"TableName\":\"app-local\",\"IndexName\":\"gsi1\",\"KeyConditionExpression\":"
        + "\"#k = :v AND begins_with(#s, :p)\",\"ExpressionAttributeNames\":{\"#k\":\"gsi1pk\",\"#s\":\"gsi1sk\"},"
        + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"USERS\"},\":p\":{\"S\":\"2\"}}}"))
        .containsExactly(new Call("dynamodb:Query", ARN + "app-local/index/gsi1", Map.of("dynamodb:LeadingKeys", List.of("USERS"),
            "dynamodb:Attributes", List.of("*"))));
    assertThat(of("Scan", "{\"TableName\":\"app-local\",\"Select\":\"COUNT\"}"))
        .containsExactly(new Call("dynamodb:Scan", ARN + "app-local", Map.of("dynamodb:Select", List.of("COUNT"))));
  }

  @Test
  void theAttributesOfARequestAreWhatItReadsOrWritesByTopLevelName() throws Exception {
    assertThat(of("GetItem", "{\"TableName\":\"app-local\",\"Key\":{\"pk\":{\"S\":\"USER#1\"},\"sk\":{\"S\":\"A\"}},"
        + "\"ProjectionExpression\":\"#pk, #role, sessionEpoch, tags[0], address.city\","
        + "\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#role\":\"role\"}}").get(0).values("dynamodb:Attributes"))
        .containsExactly("pk", "role", "sessionEpoch", "tags", "address");
    assertThat(of("BatchGetItem", "{\"RequestItems\":{\"app-local\":{\"Keys\":[{\"pk\":{\"S\":\"U\"}}],"
        + "\"AttributesToGet\":[\"pk\",\"name\"]}}}").get(0).values("dynamodb:Attributes")).containsExactly("pk", "name");
    assertThat(of("UpdateItem", "{\"TableName\":\"app-local\",\"Key\":{\"pk\":{\"S\":\"USER#1\"}},"
        + "\"UpdateExpression\":\"SET #n = :n, version = if_not_exists(version, :z) + :one REMOVE gsi1pk ADD total :one\","
        + "\"ExpressionAttributeNames\":{\"#n\":\"name\"}}").get(0).values("dynamodb:Attributes"))
        .containsExactly("name", "version", "gsi1pk", "total");
    assertThat(of("Query", "{\"TableName\":\"app-local\",\"Select\":\"COUNT\",\"KeyConditionExpression\":\"pk = :p\","
        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"U\"}}}").get(0).values("dynamodb:Attributes")).isNull();
  }

  @Test
  void tableOperationsAreOnTheTableAndListingsOnEverything() throws Exception {
    assertThat(of("DescribeTable", "{\"TableName\":\"app-local\"}")).containsExactly(new Call("dynamodb:DescribeTable", ARN + "app-local"));
    assertThat(of("ListTables", "{}")).containsExactly(new Call("dynamodb:ListTables", "*"));
  }
}
