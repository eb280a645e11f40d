package dev.blog.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What ./dev start says when it stops. */
class DevTest {
  @Test
  void stoppingAnInMemoryStackSaysNothingAboutDataOnDisk() {
    assertThat(Dev.stoppingMessage(true)).doesNotContainIgnoringCase("disk").contains("in memory");
  }

  @Test
  void stoppingAStackThatKeepsItsDataSaysEveryWriteIsOnDisk() {
    assertThat(Dev.stoppingMessage(false)).contains("every write is already on disk");
  }
}
