package dev.blog.local.demo;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.post.Post;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.security.Role;
import dev.blog.core.user.AccountRepository.ResetGrant;
import dev.blog.core.user.CodeMail;
import dev.blog.core.user.OneTimeCode;
import dev.blog.core.user.OneTimeCode.Purpose;
import dev.blog.core.user.User;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A small demo dataset with the ids that the sample events in {@code events/} name, so that {@code ./dev invoke}
 * of each HTTP function's sample event, and the README's examples, work on a fresh checkout. {@code ./dev start}
 * and {@code ./dev invoke} load each item that is absent, through the functions' own repositories (reservations,
 * counters, the author's post index and audit entries included). Local stack only: nothing deploys it.
 */
public final class DemoData {
  public static final String ADMIN_ID = "0190f3a0-0000-7000-8000-000000000001";
  public static final String USER_ID = "0190f3a0-0000-7000-8000-000000000002";
  /** The user that {@code events/delete-user.json} deletes. */
  public static final String SPARE_USER_ID = "0190f3a0-0000-7000-8000-000000000003";
  /** A draft of Ada's that {@code events/update-post.json} publishes. */
  public static final String DRAFT_POST_ID = "0190f3a0-0000-7000-8000-0000000000a1";
  /** The user whose password {@code events/change-password.json} changes. */
  public static final String GRACE_ID = "0190f3a0-0000-7000-8000-000000000004";
  /** The user whom {@code events/logout.json} logs out. */
  public static final String EDSGER_ID = "0190f3a0-0000-7000-8000-000000000005";
  /**
   * The user with a live verification code and a live reset code, which {@code events/verify-email.json} and
   * {@code events/password-reset-confirm.json} redeem (each once: a code is single use).
   */
  public static final String BARBARA_ID = "0190f3a0-0000-7000-8000-000000000006";
  /** The codes of those events: demo values, local only, never expiring (a real code lives 24 h or 30 min). */
  public static final String VERIFY_CODE = "demo-verify-code-00000000000000000000000000";
  public static final String RESET_CODE = "demo-reset-code-000000000000000000000000000";
  /** A published post of Ada's that {@code events/delete-post.json} deletes. */
  public static final String PUBLISHED_POST_ID = "0190f3a0-0000-7000-8000-0000000000a2";
  /** Every demo user's password (they are local only). */
  public static final String PASSWORD = "correct horse battery";

  private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00.000Z");
  private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");

  private record DemoUser(String id, String email, String name, Integer age, Role role) {}

  private record DemoPost(String id, String title, String content, boolean published) {}

  private static final List<DemoUser> USERS = List.of(
      new DemoUser(ADMIN_ID, "demo-admin@example.com", "Demo Admin", null, Role.ADMIN),
      new DemoUser(USER_ID, "ada@example.com", "Ada Lovelace", 36, Role.USER),
      new DemoUser(SPARE_USER_ID, "alan@example.com", "Alan Turing", 41, Role.USER),
      new DemoUser(GRACE_ID, "demo-grace@example.com", "Grace Hopper", null, Role.USER),
      new DemoUser(EDSGER_ID, "demo-edsger@example.com", "Edsger Dijkstra", null, Role.USER),
      new DemoUser(BARBARA_ID, "demo-barbara@example.com", "Barbara Liskov", null, Role.USER));

  private static final List<DemoPost> POSTS = List.of(
      new DemoPost(DRAFT_POST_ID, "Notes on the Analytical Engine", "It weaves algebraic patterns.", false),
      new DemoPost(PUBLISHED_POST_ID, "On Bernoulli numbers", "Note G computes them.", true));

  private DemoData() {}

  /**
   * Writes every demo item that is absent from {@code table} (the demo codes' emails to {@code outboxTable});
   * answers how many users and posts it wrote.
   */
  public static int loadIfAbsent(URI dynamoEndpoint, String table, String outboxTable) {
    DemoComponent graph = DaggerDemoComponent.builder()
        .demoModule(new DemoModule(dynamoEndpoint, table, outboxTable)).build();
    try {
      int written = 0;
      for (DemoUser demo : USERS) {
        if (graph.users().find(demo.id()).isEmpty() && graph.users().findCredentials(demo.email()).isEmpty()) {
          User user = new User(demo.id(), demo.email(), demo.name(), demo.age(), demo.role(), CREATED, CREATED, 1);
          graph.users().create(user, graph.passwords().hash(PASSWORD),
              audit(demo.id(), "user.registered", "user", demo.id()), verifyCode(demo));
          if (demo.id().equals(BARBARA_ID)) {
            graph.accounts().requestReset(demo.email(), CREATED, Integer.MAX_VALUE, Optional.of(new ResetGrant(
                code(Purpose.PASSWORD_RESET, demo, RESET_CODE), new AuditEntry("0190f3a0-0000-7000-9001-"
                    + demo.id().substring(demo.id().length() - 12), demo.id(), "user.password_reset_requested", "user",
                    demo.id(), CREATED))));
          }
          written++;
        }
      }
      for (DemoPost demo : POSTS) {
        if (graph.posts().find(demo.id()).isEmpty() && graph.users().find(USER_ID).isPresent()) {
          graph.posts().create(new Post(demo.id(), USER_ID, demo.title(), demo.content(), demo.published(), CREATED,
              CREATED, 1), audit(USER_ID, "post.created", "post", demo.id()));
          written++;
        }
      }
      return written;
    } finally {
      graph.dynamo().close();
    }
  }

  /** Barbara's verification code, in her welcome email. */
  private static Optional<CodeMail> verifyCode(DemoUser demo) {
    return demo.id().equals(BARBARA_ID) ? Optional.of(code(Purpose.VERIFY_EMAIL, demo, VERIFY_CODE)) : Optional.empty();
  }

  private static CodeMail code(Purpose purpose, DemoUser demo, String code) {
    OneTimeCode stored = new OneTimeCode(purpose, demo.id(), demo.email(), OneTimeCode.hash(code), NEVER);
    return new CodeMail(stored, new EmailMessage("demo-" + purpose + ":" + demo.id(), demo.email(),
        "Your demo code", "code: " + code + "\n"));
  }

  /** Audit ids are UUIDv7 like every id; the demo's are fixed, derived from the target, so a reload adds none. */
  private static AuditEntry audit(String actorId, String action, String targetType, String targetId) {
    String id = "0190f3a0-0000-7000-9000-" + targetId.substring(targetId.length() - 12);
    return new AuditEntry(id, actorId, action, targetType, targetId, CREATED);
  }
}
