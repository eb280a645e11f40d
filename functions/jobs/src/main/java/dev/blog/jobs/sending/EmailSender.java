package dev.blog.jobs.sending;

import dev.blog.core.mail.EmailMessage;

/** Sends one email: Amazon SES in AWS, SMTP on the local stack (chosen by EMAIL_TRANSPORT, wired by Dagger). */
public interface EmailSender {
  void send(EmailMessage email) throws EmailSendException;

  /**
   * The email was not accepted. {@link #permanent()}: never will be (the address or the message itself is refused),
   * so trying again only delays the dead-letter queue; otherwise (an outage, throttling) sending it later may work.
   */
  final class EmailSendException extends Exception {
    private final boolean permanent;

    public EmailSendException(String message, boolean permanent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
