package dev.blog.core.post;

import dev.blog.core.testing.TestStore;

/** The post repository contract on moto server (a child process, real DynamoDB protocol), one fresh table per test. */
class PostRepositoryOnMotoTest extends PostRepositoryContract {
  @Override
  protected TestStore.Table freshTable() {
    return TestStore.freshTable();
  }
}
