package dev.blog.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What ./dev start says when it stops. */
class DevTest {
  @Test
  void stoppingAnInMemoryStackSaysNothingIsSaved() {
    assertThat(Dev.stoppingMessage(true)).doesNotContainIgnoringCase("saves").contains("in memory");
  }

  @Test
  void stoppingAStackThatKeepsItsDataSaysTheTablesAreSavedFirst() {
    assertThat(Dev.stoppingMessage(false)).contains("saves the tables first");
  }
}
