package dev.blog.local.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A function's SMTP port on the local stack: an email its SES policy allows reaches the catcher, one it does not is
 * refused at DATA with AWS's message (a transient 451, as the worker treats SES's AccessDeniedException) and never
 * arrives, and the same connection can send an allowed one afterwards.
 */
class SesSmtpGateTest {
  private final LocalSmtp catcher = new LocalSmtp(0);
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final SesSmtpGate gate = new SesSmtpGate(catcher.port(), (from, to) -> {
    asked.add(from + " -> " + to);
    return from.equals("ok@blog.example.dev") ? Optional.empty() : Optional.of("User: x is not authorized to perform: ses:SendEmail");
  });

  @AfterEach
  void close() {
    gate.close();
    catcher.close();
  }

  private MimeMessage email(Session session, String from, String to) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Hello");
    message.setText("Hi");
    return message;
  }

  private Session session() {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(gate.port()));
    return Session.getInstance(props);
  }

  @Test
  void anAllowedEmailReachesTheCatcherWithWhatTheCheckWasAsked() throws Exception {
    Session session = session();
    Transport.send(email(session, "ok@blog.example.dev", "reader@example.com"));
    assertThat(catcher.emailsJson()).contains("reader@example.com");
    assertThat(asked).containsExactly("ok@blog.example.dev -> [reader@example.com]");
  }

  @Test
  void aDeniedEmailIsRefusedWithAwsMessageAndNeverArrives() throws Exception {
    Session session = session();
    assertThatThrownBy(() -> Transport.send(email(session, "ceo@blog.example.dev", "reader@example.com")))
        .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
          assertThat(e.getReturnCode()).isEqualTo(451);
          assertThat(e.getMessage()).contains("not authorized to perform: ses:SendEmail");
        });
    assertThat(catcher.emailsJson()).doesNotContain("reader@example.com");
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      MimeMessage denied = email(session, "ceo@blog.example.dev", "one@example.com");
      assertThatThrownBy(() -> transport.sendMessage(denied, denied.getAllRecipients())).isInstanceOf(MessagingException.class);
      MimeMessage allowed = email(session, "ok@blog.example.dev", "two@example.com");
      transport.sendMessage(allowed, allowed.getAllRecipients());
    }
    assertThat(catcher.emailsJson()).contains("two@example.com").doesNotContain("one@example.com");
  }

  @Test
  void whileTheCatcherIsDownTheConnectionFails() {
    catcher.stop();
    Session session = session();
    assertThatThrownBy(() -> Transport.send(email(session, "ok@blog.example.dev", "reader@example.com")))
        .isInstanceOf(MessagingException.class);
  }
}
