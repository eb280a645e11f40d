package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.blog.core.budget.Deadline;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.mail.Emails;
import dev.blog.core.security.Role;
import dev.blog.core.user.User;
import dev.blog.core.user.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily summary, run by a schedule at 00:00 UTC: counts the users and posts created in the 24 hours
 * before the scheduled time (from the audit log, one Query on its time index) and queues one email per
 * admin. The event's own {@code time} (the scheduled time, the same on every retry) names the run, so a
 * retried run queues the same idempotency keys and the worker sends nothing twice.
 *
 * <p>A run that fails (the store or the queue out of reach) throws: EventBridge invokes the function
 * asynchronously, so Lambda retries the event twice, and then puts it, with the error, on the function's
 * OnFailure destination (template.yaml: ScheduledRunsDeadLetterQueue), from which a documented command runs it
 * again with the same scheduled time (docs/email-jobs.md). Nothing else retries it.
 */
public final class DailySummaryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final ActivityCounter activity;
  private final UserRepository users;
  private final EmailQueue queue;
  private final Clock clock;
  private final Json json;

  public DailySummaryHandler() {
    this(JobsComponent.create());
  }

  private DailySummaryHandler(JobsComponent c) {
    this(c.activity(), c.userRepository(), c.emailQueue(), c.clock(), c.json());
  }

  DailySummaryHandler(ActivityCounter activity, UserRepository users, EmailQueue queue, Clock clock, Json json) {
    this.json = json;
    this.activity = activity;
    this.users = users;
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Deadline.within(context.getRemainingTimeInMillis(), () -> run(event, context));
  }

  private Map<String, Object> run(Map<String, Object> event, Context context) {
    Instant end = scheduledTime(event).truncatedTo(ChronoUnit.SECONDS);
    Instant start = end.minus(Duration.ofHours(24));
    ActivityCounter.Counts counts = activity.count(start, end);
    List<EmailMessage> emails = new ArrayList<>();
    for (User admin : users.withRole(Role.ADMIN)) {
      Emails.Recipient to = new Emails.Recipient(admin.id(), admin.email(), admin.name());
      emails.add(Emails.dailySummary(to, end, counts.users(), counts.posts()));
    }
    List<Integer> failed = queue.enqueue(emails);
    if (!failed.isEmpty()) {
      // Fail the run: Lambda retries it (then its OnFailure destination keeps it); the emails already queued
      // carry the same keys in the retry and are not sent twice.
      throw new IllegalStateException(failed.size() + " of " + emails.size() + " summary emails could not be queued");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("from", start.toString());
    result.put("to", end.toString());
    result.put("newUsers", counts.users());
    result.put("newPosts", counts.posts());
    result.put("emailsQueued", emails.size());
    LogLine.of("daily summary queued").with("to", end.toString()).with("newUsers", counts.users())
        .with("newPosts", counts.posts()).with("admins", emails.size()).log(context, json);
    return result;
  }

  /** EventBridge puts the scheduled time in {@code time}; without one (a manual run) it is now. */
  private Instant scheduledTime(Map<String, Object> event) {
    Object time = event == null ? null : event.get("time");
    return time == null ? clock.instant() : Instant.parse(time.toString());
  }
}
