package dev.blog.jobs.sending.internal;

import dev.blog.core.mail.EmailMessage;
import dev.blog.jobs.sending.EmailSender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** Plain SMTP (the local stack's mail catcher), with timeouts so a hung server fails the attempt, not the batch. */
public final class SmtpEmailSender implements EmailSender {
  private final Session session;
  private final String from;
  private final Clock clock;

  public SmtpEmailSender(String host, int port, String from, Clock clock) {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "10000");
    props.put("mail.smtp.writetimeout", "10000");
    this.session = Session.getInstance(props);
    this.from = from;
    this.clock = clock;
  }

  @Override
  public void send(EmailMessage email) throws EmailSendException {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(from));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to()));
      message.setSubject(email.subject(), "UTF-8");
      message.setText(email.text(), "UTF-8");
      message.setSentDate(Date.from(clock.instant()));
      Transport.send(message);
    } catch (MessagingException e) {
      throw new EmailSendException("The SMTP server did not accept the email", e);
    }
  }
}
