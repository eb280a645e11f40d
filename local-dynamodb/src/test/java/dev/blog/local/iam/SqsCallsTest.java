package dev.blog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.local.template.LocalAccount;
import org.junit.jupiter.api.Test;

/** What IAM authorises for an SQS request (JSON protocol): a batch as its single action, on the queue's ARN. */
class SqsCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URL = "http://127.0.0.1:9324/000000000000/EmailQueue";

  @Test
  void aBatchIsAuthorisedAsItsSingleActionOnTheQueueItsUrlNames() throws Exception {
    String request = "{\"QueueUrl\":\"" + URL + "/\",\"Entries\":[{\"Id\":\"1\",\"MessageBody\":\"x\"}]}";
    assertThat(SqsCalls.of("SendMessageBatch", JSON.readTree(request)))
        .containsExactly(new Call("sqs:SendMessage", LocalAccount.queueArn("EmailQueue")));
    assertThat(SqsCalls.of("ChangeMessageVisibilityBatch", JSON.readTree(request)))
        .containsExactly(new Call("sqs:ChangeMessageVisibility", LocalAccount.queueArn("EmailQueue")));
    assertThat(SqsCalls.of("DeleteMessageBatch", JSON.readTree(request)))
        .containsExactly(new Call("sqs:DeleteMessage", LocalAccount.queueArn("EmailQueue")));
  }

  @Test
  void aQueueNamedByNameIsThatQueueAndAListingIsOnEverything() throws Exception {
    assertThat(SqsCalls.of("GetQueueUrl", JSON.readTree("{\"QueueName\":\"EmailDeadLetterQueue\"}")))
        .containsExactly(new Call("sqs:GetQueueUrl", LocalAccount.queueArn("EmailDeadLetterQueue")));
    assertThat(SqsCalls.of("ListQueues", JSON.readTree("{}"))).containsExactly(new Call("sqs:ListQueues", "*"));
  }
}
