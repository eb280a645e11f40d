package dev.blog.jobs.sending.internal;

import dev.blog.core.mail.EmailMessage;
import dev.blog.jobs.sending.EmailSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * Amazon SES (API v2). The function's IAM policy lets it send only from the configured identity, so a
 * wrong {@code from} fails here rather than sending as someone else. SES refusing the message or its address
 * is permanent; throttling, a paused account, a daily quota and SES's own failures pass.
 * See https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html#API_SendEmail_Errors
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
    } catch (MessageRejectedException | BadRequestException | MailFromDomainNotVerifiedException | NotFoundException e) {
      throw new EmailSendException("SES refuses the email: " + e.awsErrorDetails().errorCode(), true, e);
    } catch (SdkException e) {
      throw new EmailSendException("SES did not accept the email", false, e);
    }
  }
}
