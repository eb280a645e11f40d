package dev.blog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.DynamoAuditRepository;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.security.Role;
import dev.blog.core.store.Ids;
import dev.blog.core.testing.TestContext;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.user.User;
import dev.blog.core.user.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daily summary against moto server, ElasticMQ and (through the worker) GreenMail. */
class DailySummaryHandlerTest {
  private static final Instant MIDNIGHT = Instant.parse("2026-11-24T00:00:00Z");

  private final JobsFixture f = new JobsFixture();
  private final TestCoreComponent core = TestCoreComponent.on(f.table);
  private final UserRepository users = core.repository();
  private final DailySummaryHandler summary = new DailySummaryHandler(
      new ActivityCounter(new DynamoAuditRepository(f.store())), users, f.queue(), Clock.fixed(MIDNIGHT, ZoneOffset.UTC), f.json);

  @AfterEach
  void close() {
    f.close();
  }

  /** A user created at {@code at}: the audit entry's id is a UUIDv7 of that moment, as in production. */
  private User user(String email, Role role, Instant at, String action) {
    Ids ids = new Ids(Clock.fixed(at, ZoneOffset.UTC));
    User user = new User(ids.next(), email, email.substring(0, email.indexOf('@')) + " Person", null, role, at, at, 1);
    users.create(user, "hash", new AuditEntry(ids.next(), user.id(), action, "user", user.id(), at), Optional.empty());
    return user;
  }

  private void audit(String action, String targetType, Instant at) {
    Ids ids = new Ids(Clock.fixed(at, ZoneOffset.UTC));
    f.store().apply(DynamoAuditRepository.record(
        new AuditEntry(ids.next(), "someone", action, targetType, ids.next(), at)));
  }

  private Map<String, Object> run() {
    return summary.handleRequest(Map.of("time", MIDNIGHT.toString(), "detail-type", "Scheduled Event"),
        TestContext.withTimeout(Duration.ofSeconds(60)));
  }

  @Test
  void everyAdminGetsTheCountsOfTheLast24Hours() {
    User first = user("first-admin@example.com", Role.ADMIN, MIDNIGHT.minus(Duration.ofHours(23)), "user.created");
    User second = user("second-admin@example.com", Role.ADMIN, MIDNIGHT.minus(Duration.ofMinutes(5)), "user.created");
    user("old@example.com", Role.USER, MIDNIGHT.minus(Duration.ofHours(25)), "user.registered");
    user("new@example.com", Role.USER, MIDNIGHT.minus(Duration.ofHours(1)), "user.registered");
    user("tomorrow@example.com", Role.USER, MIDNIGHT.plusSeconds(1), "user.registered");
    for (int i = 0; i < 3; i++) {
      audit("post.created", "post", MIDNIGHT.minus(Duration.ofHours(i + 1)));
    }
    audit("post.updated", "post", MIDNIGHT.minus(Duration.ofHours(2)));
    audit("post.created", "post", MIDNIGHT.minus(Duration.ofDays(2)));

    Map<String, Object> result = run();

    assertThat(result).containsEntry("newUsers", 3L).containsEntry("newPosts", 3L).containsEntry("emailsQueued", 2);
    List<EmailMessage> queued = f.receive(2).stream().map(m -> f.json.read(m.getBody().getBytes(), EmailMessage.class)).toList();
    assertThat(queued).extracting(EmailMessage::to).containsExactlyInAnyOrder(first.email(), second.email());
    assertThat(queued).allSatisfy(email -> assertThat(email.text()).contains("new users: 3", "new posts: 3"));
  }

  @Test
  void aRetriedRunForTheSameScheduleSendsNothingTwice() {
    user("admin@example.com", Role.ADMIN, MIDNIGHT.minus(Duration.ofHours(3)), "user.created");
    run();
    run(); // EventBridge retried the same scheduled event
    var delivered = f.receive(2);
    assertThat(delivered).hasSize(2);
    f.worker().handleRequest(JobsFixture.event(delivered), TestContext.withTimeout(Duration.ofSeconds(30)));
    assertThat(f.emailsCaught()).isEqualTo(1);
    assertThat(Arrays.stream(f.smtp.getReceivedMessages()).map(GreenMailUtil::getBody).toList())
        .singleElement().asString().contains("new users: 1");
  }

  @Test
  void aRunWhoseEmailsTheQueueRefusesFailsSoThatLambdaRetriesIt() {
    user("admin@example.com", Role.ADMIN, MIDNIGHT.minus(Duration.ofHours(3)), "user.created");
    f.faults("{\"sqs\":{\"errorRate\":1}}");
    org.assertj.core.api.Assertions.assertThatThrownBy(this::run).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be queued");
    f.faults("{}");
    assertThat(run()).containsEntry("emailsQueued", 1);
    assertThat(f.receive(1)).hasSize(1);
  }
}
