package dev.blog.core.testing;

import dev.blog.local.dynamodb.LocalDynamo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh tables for tests: one moto server per test JVM (real DynamoDB protocol), and a new copy of
 * template.yaml's tables (AppTable, OutboxTable) for each test, so tests never see each other's data.
 */
public final class TestStore {
  public static final String ISSUER = "https://blog.example.dev";
  public static final String AUDIENCE = "blog-api";
  private static final AtomicInteger TABLES = new AtomicInteger();

  private TestStore() {}

  /**
   * A table as the functions see it: where it is, its name, the outbox table beside it, and the settings that
   * point at them.
   */
  public record Table(URI endpoint, String name, String outboxName, String cursorKey) {
    /** The same tables reached at {@code other} (a fault proxy in front of them). */
    public Table at(URI other) {
      return new Table(other, name, outboxName, cursorKey);
    }

    public LocalModule module() {
      return module(Map.of(), Map.of());
    }

    /** The module whose client also runs {@code interceptors}. */
    public LocalModule module(java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
      LocalModule plain = module();
      return plain.withInterceptors(interceptors);
    }

    public LocalModule module(Map<String, String> extraEnv, Map<String, String> extraSecrets) {
      Map<String, String> env = new HashMap<>(Map.of(
          "AWS_REGION", "us-east-1", "TABLE_NAME", name, "OUTBOX_TABLE_NAME", outboxName, "JWT_ISSUER", ISSUER,
          "JWT_AUDIENCE", AUDIENCE, "CURSOR_KEY_SECRET_ARN", "cursor-key"));
      env.putAll(extraEnv);
      Map<String, String> secrets = new HashMap<>(Map.of("cursor-key", cursorKey));
      secrets.putAll(extraSecrets);
      return new LocalModule(endpoint, env, secrets);
    }
  }

  public static Table freshTable() {
    LocalDynamo dynamo = LocalDynamo.shared();
    String suffix = "-t" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
    Map<String, String> tables = dynamo.createTables(suffix);
    return new Table(dynamo.endpoint(), tables.get("AppTable"), tables.get("OutboxTable"), randomKey());
  }

  /** Tables on another DynamoDB (LocalStack), created from the same template definitions. */
  public static Table freshTableOn(URI endpoint) {
    String suffix = "-t" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
    Map<String, String> tables = LocalDynamo.createTables(endpoint, suffix);
    return new Table(endpoint, tables.get("AppTable"), tables.get("OutboxTable"), randomKey());
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return HexFormat.of().formatHex(key);
  }
}
