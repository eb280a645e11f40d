package dev.blog.jobs.sending.internal;

import dev.blog.core.budget.TimeBudget;
import dev.blog.core.mail.EmailMessage;
import dev.blog.jobs.sending.EmailSender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Plain SMTP (the local stack's mail catcher), within the function's time budget: a refused or hung server fails
 * the attempt, not the batch. An address that is no address, or a 5xx reply, is permanent; anything else passes.
 */
public final class SmtpEmailSender implements EmailSender {
  private final Session session;
  private final String from;
  private final Clock clock;

  public SmtpEmailSender(String host, int port, String from, Clock clock, TimeBudget budget) {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.connectiontimeout", String.valueOf(budget.connectTimeout().toMillis()));
    props.put("mail.smtp.timeout", String.valueOf(budget.attemptTimeout().toMillis()));
    props.put("mail.smtp.writetimeout", String.valueOf(budget.attemptTimeout().toMillis()));
    this.session = Session.getInstance(props);
    this.from = from;
    this.clock = clock;
  }

  @Override
  public void send(EmailMessage email) throws EmailSendException {
    MimeMessage message = new MimeMessage(session);
    try {
      message.setFrom(new InternetAddress(from));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
      message.setSubject(email.subject(), "UTF-8");
      message.setText(email.text(), "UTF-8");
      message.setSentDate(Date.from(clock.instant()));
    } catch (AddressException e) {
      throw new EmailSendException("Not an email address: " + e.getMessage(), true, e);
    } catch (MessagingException e) {
      throw new EmailSendException("The email cannot be written: " + e.getMessage(), true, e);
    }
    try {
      Transport.send(message);
    } catch (SMTPSendFailedException e) {
      throw new EmailSendException("The SMTP server replied " + e.getReturnCode(), e.getReturnCode() >= 500, e);
    } catch (SendFailedException e) {
      boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
      throw new EmailSendException("The SMTP server did not accept the email", refused, e);
    } catch (MessagingException e) {
      throw new EmailSendException("The SMTP server did not accept the email", false, e);
    }
  }
}
