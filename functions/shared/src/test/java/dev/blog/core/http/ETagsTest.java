package dev.blog.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.core.error.DomainException.PreconditionFailed;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ETagsTest {
  @Test
  void etagIsTheQuotedVersion() {
    assertThat(ETags.of(3)).isEqualTo("\"3\"");
  }

  @Test
  void ifMatchAcceptsQuotedAndBareVersions() {
    assertThat(ETags.expectedVersion("\"7\"")).isEqualTo(OptionalLong.of(7));
    assertThat(ETags.expectedVersion(" 7 ")).isEqualTo(OptionalLong.of(7));
  }

  @Test
  void absentOrStarDemandsNoVersion() {
    assertThat(ETags.expectedVersion(null)).isEmpty();
    assertThat(ETags.expectedVersion("*")).isEmpty();
  }

  @Test
  void aTagWeNeverIssuedCanNeverMatch() {
    for (String tag : new String[] {"W/\"1\"", "\"abc\"", "\"0\"", "\"1\", \"2\""}) {
      assertThatThrownBy(() -> ETags.expectedVersion(tag)).as(tag)
          .isInstanceOf(PreconditionFailed.class);
    }
  }
}
