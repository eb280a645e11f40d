package dev.blog.jobs;

import dev.blog.jobs.sending.EmailSender;
import dagger.Component;
import dev.blog.core.config.Settings;
import dev.blog.core.json.Json;
import dev.blog.core.inject.AwsClientsModule;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.SettingsModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.user.UserRepository;
import dev.blog.jobs.internal.IdempotencyStore;
import java.time.Clock;
import javax.inject.Singleton;

/** The object graph of the jobs functions; each function asks only for what it uses. */
@Singleton
@Component(modules = {CoreModule.class, SettingsModule.class, AwsClientsModule.class, StoreModule.class, JobsModule.class})
public interface JobsComponent {
  Json json();

  Settings settings();

  Clock clock();

  EmailSender emailSender();

  EmailQueue emailQueue();

  IdempotencyStore idempotency();

  ActivityCounter activity();

  Metrics metrics();

  UserRepository userRepository();

  dev.blog.core.budget.TimeBudget timeBudget();

  RetrySchedule retrySchedule();

  dev.blog.core.outbox.OutboxStore outboxStore();

  OutboxRelay outboxRelay();

  static JobsComponent create() {
    return DaggerJobsComponent.create();
  }
}
