package dev.blog.jobs;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.config.Settings;
import dev.blog.core.json.Json;
import dev.blog.core.inject.AwsClientsModule;
import dev.blog.core.store.Store;
import dev.blog.jobs.sending.EmailSender;
import dev.blog.jobs.sending.internal.SesEmailSender;
import dev.blog.jobs.sending.internal.SmtpEmailSender;
import dev.blog.jobs.internal.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Provider;
import javax.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The jobs' own pieces: queue, sender, idempotency, metrics. Clients are configured like AwsClientsModule's. */
@Module
public final class JobsModule {
  private JobsModule() {}

  @Provides
  @Singleton
  static SqsClient sqs(Settings settings) {
    return SqsClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(AwsClientsModule.credentials(settings))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  @Provides
  static SesV2Client ses(Settings settings) {
    return SesV2Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(AwsClientsModule.credentials(settings))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  /**
   * SES in AWS, SMTP on the local stack: configuration decides (EMAIL_TRANSPORT), and only the chosen
   * sender's client is ever built.
   */
  @Provides
  @Singleton
  static EmailSender emailSender(Settings settings, Provider<SesV2Client> ses, Clock clock) {
    return switch (settings.emailTransport()) {
      case "ses" -> new SesEmailSender(ses.get(), settings.mailFrom());
      case "smtp" -> new SmtpEmailSender(settings.smtpHost(), settings.smtpPort(), settings.mailFrom(), clock);
      default -> throw new IllegalStateException("EMAIL_TRANSPORT must be ses or smtp, not " + settings.emailTransport());
    };
  }

  @Provides
  @Singleton
  static EmailQueue emailQueue(SqsClient sqs, Json json, Settings settings) {
    return new EmailQueue(sqs, json, settings.emailQueueUrl(), settings.emailDeadLetterQueueUrl());
  }

  @Provides
  @Singleton
  static IdempotencyStore idempotency(Store store, Settings settings, Clock clock) {
    return new IdempotencyStore(store, clock, Duration.ofSeconds(settings.functionTimeoutSeconds()));
  }

  @Provides
  @Singleton
  static ActivityCounter activity(AuditRepository audit) {
    return new ActivityCounter(audit);
  }

  @Provides
  @Singleton
  static Metrics metrics(Clock clock, Json json) {
    return new Metrics(clock, json);
  }
}
