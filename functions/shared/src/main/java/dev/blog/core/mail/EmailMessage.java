package dev.blog.core.mail;

/**
 * One email to send: the body of a message on the email queue, and of an outbox item. The producer
 * renders it; the worker only sends. {@code idempotencyKey} names the email, not the message: a message
 * delivered twice, or queued twice by a retried producer, carries the same key and is sent once.
 */
public record EmailMessage(String idempotencyKey, String to, String subject, String text) {
  public EmailMessage {
    if (idempotencyKey == null || idempotencyKey.isBlank() || to == null || to.isBlank() || subject == null
        || text == null) {
      throw new IllegalArgumentException("An email needs an idempotency key, a recipient, a subject and a text");
    }
  }
}
