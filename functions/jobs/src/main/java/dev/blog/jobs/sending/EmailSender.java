package dev.blog.jobs.sending;

import dev.blog.core.mail.EmailMessage;

/** Sends one email: Amazon SES in AWS, SMTP on the local stack (chosen by EMAIL_TRANSPORT, wired by Dagger). */
public interface EmailSender {
  void send(EmailMessage email) throws EmailSendException;

  /** The email was not accepted; sending it again later may work. */
  final class EmailSendException extends Exception {
    public EmailSendException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
