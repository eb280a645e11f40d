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

  /**
   * Sent once per registration: the key is the new user's id. It carries the code that verifies the address (one
   * email per registration), as {@code code: <code>}.
   */
  public static EmailMessage welcome(Recipient user, String code) {
    return new EmailMessage("welcome:" + user.id(), user.email(), "Welcome, " + user.name() + "!",
        "Hello " + user.name() + ",\n\nwelcome aboard! Your account " + user.email() + " is ready.\n\n"
            + "Confirm this address with the code below (POST /auth/verify-email), within 24 hours:\n"
            + "code: " + code + "\n");
  }

  /** Sent to an address given to an existing account (a change of email, an account an admin made): its code. */
  public static EmailMessage verifyEmail(Recipient user, String codeId, String code) {
    return new EmailMessage("verify-email:" + codeId, user.email(), "Confirm your email address",
        "Hello " + user.name() + ",\n\nplease confirm that " + user.email() + " is your address with the code below"
            + " (POST /auth/verify-email), within 24 hours:\ncode: " + code + "\n");
  }

  /**
   * Sent to an address for which a password reset was asked (never to an unknown one). It names no user: the
   * request came from someone who knew only the address.
   */
  public static EmailMessage passwordReset(String userId, String email, String codeId, String code) {
    return new EmailMessage("password-reset:" + userId + ":" + codeId, email, "Reset your password",
        "Hello,\n\nsomeone asked to reset the password of the account " + email + ". If it was you, set a new"
            + " password with the code below (POST /auth/password-reset/confirm) within 30 minutes; every session of"
            + " the account ends then. If it was not you, ignore this email.\ncode: " + code + "\n");
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
