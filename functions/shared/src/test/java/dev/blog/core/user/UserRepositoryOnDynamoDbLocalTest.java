package dev.blog.core.user;

import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The repository contract on DynamoDB Local (in-process, real DynamoDB protocol), one fresh table per test. */
class UserRepositoryOnDynamoDbLocalTest extends UserRepositoryContract {
  private TestCoreComponent graph;
  private TestStore.Table table;

  @BeforeEach
  void freshTable() {
    table = TestStore.freshTable();
    graph = TestCoreComponent.on(table);
  }

  @Override
  protected UserRepository repository() {
    return graph.repository();
  }

  @Override
  protected DynamoDbClient dynamo() {
    return graph.dynamo();
  }

  @Override
  protected String table() {
    return table.name();
  }
}
