package dev.blog.core.post;

import dev.blog.core.testing.LocalStackDynamoDb;
import dev.blog.core.testing.TestStore;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The post repository contract on LocalStack's DynamoDB, through Testcontainers: skipped, saying
 * "disabledWithoutDocker", where no Docker engine runs; {@link PostRepositoryOnMotoTest} runs anyway.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostRepositoryOnLocalStackTest extends PostRepositoryContract {
  @Container
  private static final LocalStackContainer LOCALSTACK = LocalStackDynamoDb.container();

  @Override
  protected TestStore.Table freshTable() {
    return LocalStackDynamoDb.freshTable(LOCALSTACK);
  }
}
