package dev.blog.jobs;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.budget.TimeBudget;
import dev.blog.core.config.Settings;
import dev.blog.core.json.Json;
import dev.blog.core.outbox.OutboxStore;
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
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The jobs' own pieces: queue, sender, idempotency, metrics. Clients are built by AwsClientsModule.configured. */
@Module
public final class JobsModule {
  private JobsModule() {}

  @Provides
  @Singleton
  static SqsClient sqs(Settings settings, TimeBudget budget) {
    return AwsClientsModule.configured(SqsClient.builder(), settings, budget).build();
  }

  @Provides
  static SesV2Client ses(Settings settings, TimeBudget budget) {
    return AwsClientsModule.configured(SesV2Client.builder(), settings, budget).build();
  }

  /**
   * SES in AWS, SMTP on the local stack: configuration decides (EMAIL_TRANSPORT), and only the chosen
   * sender's client is ever built.
   */
  @Provides
  @Singleton
  static EmailSender emailSender(Settings settings, Provider<SesV2Client> ses, Clock clock, TimeBudget budget) {
    return switch (settings.emailTransport()) {
      case "ses" -> new SesEmailSender(ses.get(), settings.mailFrom());
      case "smtp" -> new SmtpEmailSender(settings.smtpHost(), settings.smtpPort(), settings.mailFrom(), clock, budget);
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
  static IdempotencyStore idempotency(Store store, Clock clock) {
    return new IdempotencyStore(store, clock);
  }

  @Provides
  @Singleton
  static RetrySchedule retrySchedule(Settings settings) {
    return new RetrySchedule(Duration.ofSeconds(settings.retryBaseDelaySeconds()),
        Duration.ofSeconds(settings.retryMaxDelaySeconds()));
  }

  @Provides
  @Singleton
  static OutboxStore outboxStore(Store store) {
    return new OutboxStore(store);
  }

  @Provides
  @Singleton
  static OutboxRelay outboxRelay(EmailQueue queue, OutboxStore outbox, Clock clock, Json json) {
    return new OutboxRelay(queue, outbox, clock, json);
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
