package dev.blog.local.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.blog.local.dynamodb.LocalDynamo;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;

/**
 * GreenMail as the local stack's SMTP catcher: the email worker sends to it over real SMTP, and
 * {@code GET /_local/emails} shows what it caught. It can be stopped and started again, to see that no
 * email is lost while SMTP refuses.
 */
final class LocalSmtp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int port;
  private GreenMail server;

  LocalSmtp(int port) {
    this.port = port == 0 ? LocalDynamo.freePort() : port;
    start();
  }

  int port() {
    return port;
  }

  synchronized void start() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  /** Stops accepting mail (connections are refused) but keeps what was caught. */
  synchronized void stop() {
    if (server != null) {
      caught = snapshot();
      server.stop();
      server = null;
    }
  }

  private ArrayNode caught = JSON.createArrayNode();

  /** {@code [{"to", "subject", "text", "sentAt"}]}, oldest first. */
  synchronized String emailsJson() {
    try {
      return JSON.writeValueAsString(snapshot());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ArrayNode snapshot() {
    ArrayNode emails = caught.deepCopy();
    if (server == null) {
      return emails;
    }
    try {
      for (MimeMessage message : server.getReceivedMessages()) {
        ObjectNode email = emails.addObject();
        Address[] to = message.getAllRecipients();
        email.put("to", to == null || to.length == 0 ? "" : to[0].toString());
        email.put("subject", message.getSubject());
        Object content = message.getContent();
        email.put("text", content instanceof String s ? s.replace("\r\n", "\n") : String.valueOf(content));
        Instant sent = message.getSentDate() == null ? Instant.now() : message.getSentDate().toInstant();
        email.put("sentAt", sent.toString());
      }
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Cannot read a caught email", e);
    }
    return emails;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
