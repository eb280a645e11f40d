package dev.blog.core.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tables' layout (docs/data-design.md): the application's single table and the transactional outbox's own
 * ({@link Table}), their key attributes, every key prefix and sort-key constant, the indexes and the listings
 * (index partitions) that are read. This is the one place they are spelled; every item schema ({@link ItemSchema}),
 * store, test and the bench take their keys from here. It depends on nothing of ours, so any module may use it.
 *
 * <p>Every item has a string {@link #PK} and {@link #SK}. Both indexes project all attributes and sort by the
 * item's id, a UUIDv7, so an index partition read backwards is newest first.
 */
public final class TableLayout {
  public static final String PK = "pk";
  public static final String SK = "sk";

  /** A condition that holds when the item exists (a write must not create it). */
  public static final String ITEM_EXISTS = "attribute_exists(" + PK + ")";
  /** A condition that holds when the item does not exist yet (a put must not replace one). */
  public static final String ITEM_ABSENT = "attribute_not_exists(" + PK + ")";

  private static final Kind USER = new Kind("USER#", "USER");
  private static final Kind EMAIL = new Kind("EMAIL#", "EMAIL");
  private static final Kind POST = new Kind("POST#", "POST");
  private static final Kind AUDIT = new Kind("AUDIT#", "AUDIT");
  private static final String LOGIN = "LOGIN#";
  private static final String CODE = "CODE#";
  private static final String RESET_REQUESTS = "RESET#";
  private static final Kind OUTBOX = new Kind("OUTBOX#", "OUTBOX");
  private static final Kind IDEMPOTENCY = new Kind("IDEMPOTENCY#", "IDEMPOTENCY");

  /** The sort key of every outbox item: the stream filter of the outbox relay (template.yaml) matches on it. */
  public static final String OUTBOX_SK = OUTBOX.sk();

  private TableLayout() {}

  /**
   * The tables (template.yaml): {@code APP}, everything but the outbox; {@code OUTBOX}, the emails that changes
   * cause, written in the same transactions as the changes, with a stream of its own, so that the relay that
   * reads that stream never sees an item of the application table (a password hash). Both have the same key
   * attributes and general-purpose index names.
   */
  public enum Table { APP, OUTBOX }

  /** The two general-purpose global secondary indexes: {@code gsi1} ({@code gsi1pk}/{@code gsi1sk}), {@code gsi2}. */
  public enum Index {
    GSI1("gsi1"),
    GSI2("gsi2");

    private final String name;

    Index(String name) {
      this.name = name;
    }

    public String indexName() {
      return name;
    }

    public String partitionKey() {
      return name + PK;
    }

    public String sortKey() {
      return name + SK;
    }
  }

  /** The primary key of one item. */
  public record Key(String pk, String sk) {
    public Map<String, AttributeValue> attributes() {
      return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
  }

  /** One kind of item whose key follows from an id: pk {@code <prefix><id>}, sk a constant. */
  private record Kind(String prefix, String sk) {
    Key key(String id) {
      return new Key(prefix + id, sk);
    }
  }

  /**
   * One partition of an index: the items of one listing, sorted by their ids. It holds items of one kind only,
   * so the primary key of the item with a given id, and with it a query's exclusive start key, follows from the id.
   */
  public static final class Listing {
    private final Index index;
    private final String partition;
    private final Kind items;

    private Listing(Index index, String partition, Kind items) {
      this.index = index;
      this.partition = partition;
      this.items = items;
    }

    public Index index() {
      return index;
    }

    public String partition() {
      return partition;
    }

    /**
     * Where a query of this listing resumes after the item {@code id}, whether or not that item still exists: its
     * index entry and its primary key, the ExclusiveStartKey of a query of the index.
     */
    public Map<String, AttributeValue> startAfter(String id) {
      Map<String, AttributeValue> start = new HashMap<>(items.key(id).attributes());
      start.put(index.partitionKey(), AttributeValue.fromS(partition));
      start.put(index.sortKey(), AttributeValue.fromS(id));
      return start;
    }

    @Override
    public String toString() {
      return index.indexName() + " " + partition;
    }
  }

  // ------------------------------------------------------------------ users

  public static Key user(String id) {
    return USER.key(id);
  }

  /** Every user, on gsi1 ({@code USERS}). */
  public static Listing users() {
    return new Listing(Index.GSI1, "USERS", USER);
  }

  /** The users with one role, on gsi2 ({@code ROLE#<role>}): the daily summary finds the admins. */
  public static Listing usersWithRole(String role) {
    return new Listing(Index.GSI2, "ROLE#" + role, USER);
  }

  /** The reservation that makes an email address unique: {@code EMAIL#<email>}. */
  public static Key emailReservation(String email) {
    return EMAIL.key(email);
  }

  /** The number of users, kept in every user create and delete transaction. */
  public static Key userCounter() {
    return new Key("COUNTER", "USERS");
  }

  // ------------------------------------------------------------------ posts

  public static Key post(String id) {
    return POST.key(id);
  }

  /** Everybody's published posts, on gsi1 ({@code POSTS}): a post is in it only while published (sparse). */
  public static Listing publishedPosts() {
    return new Listing(Index.GSI1, "POSTS", POST);
  }

  /** One author's published posts or drafts, on gsi2: two partitions, so no listing of them reads the other. */
  public static Listing postsBy(String authorId, boolean published) {
    return new Listing(Index.GSI2, "AUTHOR#" + authorId + (published ? "#PUBLISHED" : "#DRAFT"), POST);
  }

  // ------------------------------------------------------------------ audit log

  public static Key auditEntry(String id) {
    return AUDIT.key(id);
  }

  /** Every audit entry, on gsi1 ({@code AUDIT}). */
  public static Listing auditLog() {
    return new Listing(Index.GSI1, "AUDIT", AUDIT);
  }

  /** The audit trail of one target, on gsi2 ({@code TARGET#<targetId>}). */
  public static Listing auditOf(String targetId) {
    return new Listing(Index.GSI2, "TARGET#" + targetId, AUDIT);
  }

  // ------------------------------------------------------------------ login, email jobs, priming

  /**
   * Login attempts against one account (the lower-cased email, known or not) from one client address (the
   * gateway's {@code sourceIp}); in the account's partition, beside {@link #loginAttemptsOfAccount}.
   */
  public static Key loginAttempts(String email, String sourceIp) {
    return new Key(LOGIN + email, "SOURCE#" + sourceIp);
  }

  /** Login attempts against one account from every address together. */
  public static Key loginAttemptsOfAccount(String email) {
    return new Key(LOGIN + email, "ACCOUNT");
  }

  /** The stored hash of a user's single-use code for one purpose ({@code VERIFY_EMAIL}, {@code PASSWORD_RESET}). */
  public static Key oneTimeCode(String userId, String purpose) {
    return new Key(CODE + userId, purpose);
  }

  /** The password-reset emails asked for one address (known or not) in one hour since the epoch. */
  public static Key resetRequests(String email, long hour) {
    return new Key(RESET_REQUESTS + email, "HOUR#" + hour);
  }

  /** An email in the transactional outbox ({@link Table#OUTBOX}), by its idempotency key. */
  public static Key outbox(String idempotencyKey) {
    return OUTBOX.key(idempotencyKey);
  }

  /**
   * The outbox emails not relayed yet, on the outbox table's gsi1 ({@code OUTBOX#PENDING}): an item leaves this
   * sparse listing when the relay has put it on the queue, so the sweeper that relays what the stream did not
   * reads only what is left.
   */
  public static Listing pendingOutbox() {
    return new Listing(Index.GSI1, "OUTBOX#PENDING", OUTBOX);
  }

  /** The worker's record of one email's idempotency key. */
  public static Key idempotency(String key) {
    return IDEMPOTENCY.key(key);
  }

  /** A key no item has: SnapStart priming builds a request with it and never sends it. */
  public static Key priming() {
    return new Key("PRIMING", "PRIMING");
  }
}
