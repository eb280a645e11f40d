package dev.blog.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * How the local SQS event source reads a partial batch response, as Lambda does: the named messages stay, the rest
 * are deleted; a response that names a message not in the batch, or an empty id, fails the whole batch.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 */
class SqsEventSourceTest {
  private static final List<Message> BATCH = List.of(Message.builder().messageId("a").build(),
      Message.builder().messageId("b").build());

  @Test
  void theNamedMessagesFailedAndTheOthersAreDone() {
    assertThat(SqsEventSource.failedMessages(BATCH, "{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}"))
        .contains(Set.of("b"));
    assertThat(SqsEventSource.failedMessages(BATCH, "{\"batchItemFailures\":[]}")).contains(Set.of());
  }

  @Test
  void anIdentifierThatNamesNoMessageOfTheBatchFailsTheWholeBatch() {
    assertThat(SqsEventSource.failedMessages(BATCH,
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"},{\"itemIdentifier\":\"zzz\"}]}")).isEmpty();
    assertThat(SqsEventSource.failedMessages(BATCH, "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}")).isEmpty();
    assertThat(SqsEventSource.failedMessages(BATCH, "{\"batchItemFailures\":[{}]}")).isEmpty();
    assertThat(SqsEventSource.failedMessages(BATCH, "not json")).isEmpty();
  }
}
