package dev.blog.core.user;

import dev.blog.core.testing.TestStore;

/** The repository contract on DynamoDB Local (in-process, real DynamoDB protocol), one fresh table per test. */
class UserRepositoryOnDynamoDbLocalTest extends UserRepositoryContract {
  @Override
  protected TestStore.Table freshTable() {
    return TestStore.freshTable();
  }
}
