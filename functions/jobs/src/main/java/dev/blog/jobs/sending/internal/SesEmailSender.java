package dev.blog.jobs.sending.internal;

import dev.blog.core.mail.EmailMessage;
import dev.blog.jobs.sending.EmailSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Amazon SES (API v2). The function's IAM policy lets it send only from the configured identity, so a
 * wrong {@code from} fails here rather than sending as someone else.
 */
public final class SesEmailSender implements EmailSender {
  private final SesV2Client ses;
  private final String from;

  public SesEmailSender(SesV2Client ses, String from) {
    this.ses = ses;
    this.from = from;
  }

  @Override
  public void send(EmailMessage email) throws EmailSendException {
    try {
      ses.sendEmail(r -> r.fromEmailAddress(from)
          .destination(d -> d.toAddresses(email.to()))
          .content(c -> c.simple(m -> m
              .subject(s -> s.data(email.subject()).charset("UTF-8"))
              .body(b -> b.text(t -> t.data(email.text()).charset("UTF-8"))))));
    } catch (SdkException e) {
      throw new EmailSendException("SES did not accept the email", e);
    }
  }
}
