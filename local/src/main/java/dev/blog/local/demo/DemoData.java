package dev.blog.local.demo;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.post.Post;
import dev.blog.core.security.Role;
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
  /** A published post of Ada's that {@code events/delete-post.json} deletes. */
  public static final String PUBLISHED_POST_ID = "0190f3a0-0000-7000-8000-0000000000a2";
  /** Every demo user's password (they are local only). */
  public static final String PASSWORD = "correct horse battery";

  private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00.000Z");

  private record DemoUser(String id, String email, String name, Integer age, Role role) {}

  private record DemoPost(String id, String title, String content, boolean published) {}

  private static final List<DemoUser> USERS = List.of(
      new DemoUser(ADMIN_ID, "demo-admin@example.com", "Demo Admin", null, Role.ADMIN),
      new DemoUser(USER_ID, "ada@example.com", "Ada Lovelace", 36, Role.USER),
      new DemoUser(SPARE_USER_ID, "alan@example.com", "Alan Turing", 41, Role.USER));

  private static final List<DemoPost> POSTS = List.of(
      new DemoPost(DRAFT_POST_ID, "Notes on the Analytical Engine", "It weaves algebraic patterns.", false),
      new DemoPost(PUBLISHED_POST_ID, "On Bernoulli numbers", "Note G computes them.", true));

  private DemoData() {}

  /** Writes every demo item that is absent from {@code table}; answers how many users and posts it wrote. */
  public static int loadIfAbsent(URI dynamoEndpoint, String table) {
    DemoComponent graph = DaggerDemoComponent.builder().demoModule(new DemoModule(dynamoEndpoint, table)).build();
    try {
      int written = 0;
      for (DemoUser demo : USERS) {
        if (graph.users().find(demo.id()).isEmpty() && graph.users().findCredentials(demo.email()).isEmpty()) {
          User user = new User(demo.id(), demo.email(), demo.name(), demo.age(), demo.role(), CREATED, CREATED, 1);
          graph.users().create(user, graph.passwords().hash(PASSWORD),
              audit(demo.id(), "user.registered", "user", demo.id()), Optional.empty());
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

  /** Audit ids are UUIDv7 like every id; the demo's are fixed, derived from the target, so a reload adds none. */
  private static AuditEntry audit(String actorId, String action, String targetType, String targetId) {
    String id = "0190f3a0-0000-7000-9000-" + targetId.substring(targetId.length() - 12);
    return new AuditEntry(id, actorId, action, targetType, targetId, CREATED);
  }
}
