package dev.blog.core.mail;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The transactional outbox: an email to queue, written in the same DynamoDB transaction as the change
 * that causes it, so that it exists if and only if the change does. The table's stream carries each new
 * outbox item to the OutboxRelay function, which puts it on the email queue (at least once; the worker's
 * idempotency key makes that exactly once in effect). Items expire by TTL once they have done their job.
 * See https://docs.aws.amazon.com/prescriptive-guidance/latest/cloud-design-patterns/transactional-outbox.html
 */
public final class OutboxItem {
  public static final String SK = "OUTBOX";
  /** Long enough for the stream (24 h retention) and any retry; short enough to keep the table clean. */
  static final Duration KEEP = Duration.ofDays(2);

  private OutboxItem() {}

  public static Map<String, AttributeValue> toItem(EmailMessage email, Instant now) {
    return Map.of(
        "pk", fromS("OUTBOX#" + email.idempotencyKey()),
        "sk", fromS(SK),
        "kind", fromS("email"),
        "idempotencyKey", fromS(email.idempotencyKey()),
        "to", fromS(email.to()),
        "subject", fromS(email.subject()),
        "text", fromS(email.text()),
        "expiresAt", fromN(Long.toString(now.plus(KEEP).getEpochSecond())));
  }

  /** Reads an outbox item back (from a stream record's new image). */
  public static EmailMessage fromItem(Map<String, String> item) {
    return new EmailMessage(item.get("idempotencyKey"), item.get("to"), item.get("subject"), item.get("text"));
  }
}
