package dev.blog.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DynamoDB Local in this JVM, with the template's tables. */
class LocalDynamoTest {
  @Test
  void startingItWritesNothingToStdoutAndServesTheTemplatesTables() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LocalDynamo dynamo;
    try {
      dynamo = LocalDynamo.start(0, null);
    } finally {
      System.setOut(stdout);
    }
    try (dynamo) {
      assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
      String table = dynamo.createTables("-stdout-test").get("AppTable");
      try (var client = LocalDynamo.client(dynamo.endpoint())) {
        assertThat(client.describeTable(r -> r.tableName(table)).table().keySchema()).isNotEmpty();
      }
    }
  }
}
