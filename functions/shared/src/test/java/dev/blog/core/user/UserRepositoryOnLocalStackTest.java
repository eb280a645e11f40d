package dev.blog.core.user;

import dev.blog.core.testing.LocalStackDynamoDb;
import dev.blog.core.testing.TestStore;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same repository contract on LocalStack's DynamoDB, through Testcontainers. It needs a Docker engine:
 * where there is none (these build machines), JUnit reports every test as skipped with the reason
 * "disabledWithoutDocker", and moto server ({@link UserRepositoryOnMotoTest}) still runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class UserRepositoryOnLocalStackTest extends UserRepositoryContract {
  @Container
  private static final LocalStackContainer LOCALSTACK = LocalStackDynamoDb.container();

  @Override
  protected TestStore.Table freshTable() {
    return LocalStackDynamoDb.freshTable(LOCALSTACK);
  }
}
