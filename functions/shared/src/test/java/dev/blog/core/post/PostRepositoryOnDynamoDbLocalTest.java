package dev.blog.core.post;

import dev.blog.core.testing.TestStore;

/** The post repository contract on DynamoDB Local (in-process, real DynamoDB protocol), one fresh table per test. */
class PostRepositoryOnDynamoDbLocalTest extends PostRepositoryContract {
  @Override
  protected TestStore.Table freshTable() {
    return TestStore.freshTable();
  }
}
