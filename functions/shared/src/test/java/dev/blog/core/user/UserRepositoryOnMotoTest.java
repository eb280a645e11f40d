package dev.blog.core.user;

import dev.blog.core.testing.TestStore;

/** The repository contract on moto server (a child process, real DynamoDB protocol), one fresh table per test. */
class UserRepositoryOnMotoTest extends UserRepositoryContract {
  @Override
  protected TestStore.Table freshTable() {
    return TestStore.freshTable();
  }
}
