package dev.blog.core.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The texts of the emails this product sends. Plain text: nothing to escape, nothing to render wrongly.
 * Addressed to a {@link Recipient}, not a user: mail knows nothing of how users are stored.
 */
public final class Emails {
  private Emails() {}

  /** Whom an email greets and goes to: a user's id, address and name. */
  public record Recipient(String id, String email, String name) {}

  /** Sent once per registration: the key is the new user's id. */
  public static EmailMessage welcome(Recipient user) {
    return new EmailMessage("welcome:" + user.id(), user.email(), "Welcome, " + user.name() + "!",
        "Hello " + user.name() + ",\n\nwelcome aboard! Your account " + user.email() + " is ready.\n");
  }

  /**
   * Sent once per admin and run: the key names the run by its scheduled end time, so a retried run (same
   * scheduled time) reuses the keys and sends nothing twice.
   */
  public static EmailMessage dailySummary(Recipient admin, Instant end, long newUsers, long newPosts) {
    String until = SUMMARY_TIME.format(end);
    return new EmailMessage("daily-summary:" + end + ":" + admin.id(), admin.email(), "Daily summary: the 24 hours to " + until,
        "Hello " + admin.name() + ",\n\nin the 24 hours to " + until + ":\n"
            + "new users: " + newUsers + "\nnew posts: " + newPosts + "\n");
  }

  private static final DateTimeFormatter SUMMARY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
}
