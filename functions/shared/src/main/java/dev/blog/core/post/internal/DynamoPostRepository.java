package dev.blog.core.post.internal;

import static dev.blog.core.store.Transaction.values;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.AuditItem;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.post.Post;
import dev.blog.core.post.PostPage;
import dev.blog.core.post.PostRepository;
import dev.blog.core.store.ConditionFailed;
import dev.blog.core.store.DynamoErrors;
import dev.blog.core.store.Store;
import dev.blog.core.store.Times;
import dev.blog.core.store.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link PostRepository} on the single table (README, "Data design"). Besides the post items it keeps, on
 * the author's user item, {@code postCount}, {@code publishedPosts} and {@code latestPostIds} (the ids of
 * the newest {@value PostRepository#LATEST_KEPT} published posts), written in the same transaction as the
 * post, so that the first page of posts of a whole page of users costs two BatchGetItems, not a Query each.
 */
public final class DynamoPostRepository implements PostRepository {
  /** 49 deletes + 49 audit entries + the author's counters: within a transaction's 100 actions. */
  static final int CASCADE_BATCH = (Transaction.MAX_STEPS - 1) / 2;
  /** BatchGetItem's limit of keys per request. */
  private static final int BATCH_GET_KEYS = 100;
  /** Concurrent writes of one author's posts serialise on postsRev; a few retries settle them. */
  private static final int AUTHOR_ATTEMPTS = 5;
  /** How long the cascade waits for gsi2 to show posts the counter says exist (eventual consistency). */
  private static final int CASCADE_LAG_PASSES = 20;
  private static final String USER_SK = "USER";
  /** Names for attributes that are (or may become) DynamoDB reserved words. */
  private static final Map<String, String> UPDATE_NAMES =
      Map.of("#title", "title", "#content", "content", "#published", "published", "#version", "version");

  private final DynamoDbClient dynamo;
  private final Store store;

  public DynamoPostRepository(DynamoDbClient dynamo, Store store) {
    this.dynamo = dynamo;
    this.store = store;
  }

  @Override
  public Optional<Post> find(String id) {
    try {
      // Strongly consistent: an author who just wrote must read their write (If-Match, publish then read).
      var answer = dynamo.getItem(r -> r.tableName(store.table()).key(postKey(id)).consistentRead(true));
      return answer.hasItem() && !answer.item().isEmpty()
          ? Optional.of(PostItem.SCHEMA.mapToItem(answer.item()).toPost()) : Optional.empty();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public void create(Post post, AuditEntry audit) {
    withAuthor(post.authorId(), 1, post.published() ? 1 : 0,
        latest -> post.published() ? insert(latest, post.id()) : latest,
        tx -> tx.putNew("post", PostItem.SCHEMA.itemToMap(PostItem.of(post), true))
            .add("audit", AuditItem.put(audit)));
  }

  @Override
  public void update(Post before, Post after, AuditEntry audit) {
    Consumer<Transaction> steps = tx -> tx.update("post", postKey(before.id()), updateExpression(after),
        "#version = :expected", UPDATE_NAMES, updateValues(before, after))
        .add("audit", AuditItem.put(audit));
    if (before.published() == after.published()) {
      commit(steps, null); // the author's list and counters do not change
      return;
    }
    withAuthor(before.authorId(), 0, after.published() ? 1 : -1,
        latest -> after.published() ? insert(latest, after.id()) : remove(latest, after.id(), after.authorId()),
        steps);
  }

  @Override
  public void delete(Post post, AuditEntry audit) {
    withAuthor(post.authorId(), -1, post.published() ? -1 : 0,
        latest -> post.published() ? remove(latest, post.id(), post.authorId()) : latest,
        tx -> tx.delete("post", postKey(post.id()), "version = :expected", values(":expected", n(post.version())))
            .add("audit", AuditItem.put(audit)));
  }

  @Override
  public PostPage published(int limit, Optional<String> beforeId) {
    return page(query("gsi1", "gsi1pk", "gsi1sk", PostItem.PUBLISHED_PARTITION, limit + 1, beforeId, false), limit);
  }

  @Override
  public PostPage byAuthor(String authorId, boolean published, int limit, Optional<String> beforeId) {
    return page(query("gsi2", "gsi2pk", "gsi2sk", PostItem.authorKey(authorId, published), limit + 1, beforeId,
        false), limit);
  }

  @Override
  public PostPage allByAuthor(String authorId, int limit, Optional<String> beforeId) {
    // Two partitions, each read newest first for one more than the page, merged by id (= by time).
    List<Post> merged = new ArrayList<>(
        query("gsi2", "gsi2pk", "gsi2sk", PostItem.authorKey(authorId, true), limit + 1, beforeId, false));
    merged.addAll(query("gsi2", "gsi2pk", "gsi2sk", PostItem.authorKey(authorId, false), limit + 1, beforeId, false));
    merged.sort(Comparator.comparing(Post::id).reversed());
    return page(merged.size() > limit + 1 ? merged.subList(0, limit + 1) : merged, limit);
  }

  @Override
  public Map<String, PostPage> latestPublished(Collection<String> authorIds, int limit) {
    if (limit > LATEST_KEPT) {
      throw new IllegalArgumentException("The latest-posts list holds " + LATEST_KEPT + " posts");
    }
    List<String> authors = List.copyOf(new HashSet<>(authorIds));
    // 1. The authors' lists: one BatchGetItem per 100 authors (a users page holds at most 100).
    Map<String, Map<String, AttributeValue>> lists = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(authors.stream().map(DynamoPostRepository::userKey).toList(),
        "id, latestPostIds, publishedPosts")) {
      lists.put(item.get("id").s(), item);
    }
    // 2. The posts those lists name: one BatchGetItem per 100 posts shown, whatever the number of authors.
    Map<String, List<String>> shown = new LinkedHashMap<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (String author : authors) {
      List<String> ids = latestOf(lists.get(author));
      List<String> page = ids.subList(0, Math.min(limit, ids.size()));
      shown.put(author, page);
      page.forEach(id -> keys.add(postKey(id)));
    }
    Map<String, Post> posts = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(keys, null)) {
      Post post = PostItem.SCHEMA.mapToItem(item).toPost();
      posts.put(post.id(), post);
    }
    Map<String, PostPage> pages = new HashMap<>();
    for (String author : authors) {
      // A post the list names but that is gone or a draft by now (a write in between) is left out.
      List<Post> found = shown.get(author).stream().map(posts::get)
          .filter(p -> p != null && p.published() && p.authorId().equals(author)).toList();
      long total = countOf(lists.get(author), "publishedPosts");
      boolean more = total > found.size() && !found.isEmpty();
      pages.put(author, new PostPage(found, more ? Optional.of(found.get(found.size() - 1).id()) : Optional.empty()));
    }
    return pages;
  }

  @Override
  public int deleteAllBy(String authorId, Function<Post, AuditEntry> audit) {
    Set<String> deleted = new HashSet<>();
    int lagPasses = 0;
    while (true) {
      List<Post> batch = new ArrayList<>();
      for (boolean published : new boolean[] {false, true}) {
        Optional<String> before = Optional.empty();
        while (batch.size() < CASCADE_BATCH) {
          List<Post> found = query("gsi2", "gsi2pk", "gsi2sk", PostItem.authorKey(authorId, published),
              CASCADE_BATCH, before, false);
          // gsi2 is eventually consistent: it may still show a post deleted a moment ago.
          found.stream().filter(p -> !deleted.contains(p.id())).limit(CASCADE_BATCH - batch.size()).forEach(batch::add);
          if (found.size() < CASCADE_BATCH) {
            break;
          }
          before = Optional.of(found.get(found.size() - 1).id());
        }
      }
      if (batch.isEmpty()) {
        // The index shows nothing more; the counter (kept in every post transaction) says whether that is
        // true or whether the index has not caught up with a post written just before the delete began.
        if (countOf(author(authorId).orElse(Map.of()), "postCount") <= 0 || ++lagPasses > CASCADE_LAG_PASSES) {
          return deleted.size();
        }
        pause();
        continue;
      }
      Transaction tx = store.transaction();
      int published = 0;
      for (Post post : batch) {
        tx.delete("post", postKey(post.id()), null, Map.of()).add("audit", AuditItem.put(audit.apply(post)));
        published += post.published() ? 1 : 0;
      }
      // The author must still exist: ADD on a missing item would create a stub user.
      tx.update("author", userKey(authorId), "ADD postCount :all, publishedPosts :published", "attribute_exists(pk)",
          Map.of(), values(":all", n(-batch.size()), ":published", n(-published)));
      try {
        store.commit(tx); // unconditional deletes: a retried cascade just deletes what is left
      } catch (ConditionFailed e) {
        return deleted.size(); // a concurrent delete of the same user finished first, posts and all
      }
      batch.forEach(p -> deleted.add(p.id()));
    }
  }

  /**
   * Commits {@code steps} together with the change to the author's counters and latest-posts list, on the
   * condition that the author exists, is not being deleted, and nobody changed the list since it was read
   * ({@code postsRev}); a concurrent write of the same author's posts means read again and retry.
   */
  private void withAuthor(String authorId, int countDelta, int publishedDelta, UnaryOperator<List<String>> change,
      Consumer<Transaction> steps) {
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> author = author(authorId)
          .filter(a -> !a.containsKey("deleting"))
          .orElseThrow(() -> new NotFound("The author no longer exists"));
      List<String> latest = change.apply(latestOf(author));
      AttributeValue rev = author.get("postsRev");
      Map<String, AttributeValue> vals = values(":ids", AttributeValue.fromL(latest.stream().map(AttributeValue::fromS).toList()),
          ":next", n(rev == null ? 1 : Long.parseLong(rev.n()) + 1), ":all", n(countDelta), ":published", n(publishedDelta));
      String condition = "attribute_exists(pk) AND attribute_not_exists(deleting) AND ";
      if (rev == null) {
        condition += "attribute_not_exists(postsRev)";
      } else {
        condition += "postsRev = :rev";
        vals.put(":rev", rev);
      }
      String expression = condition;
      try {
        commit(steps.andThen(tx -> tx.update("author", userKey(authorId),
            "SET latestPostIds = :ids, postsRev = :next ADD postCount :all, publishedPosts :published",
            expression, Map.of(), vals)), "author");
        return;
      } catch (AuthorChanged e) {
        if (attempt == AUTHOR_ATTEMPTS) {
          throw new Conflict("The author's posts are changing concurrently; retry");
        }
      }
    }
  }

  /** Commits one transaction; a failed condition on the post is a stale version. */
  private void commit(Consumer<Transaction> steps, String authorLabel) {
    Transaction tx = store.transaction();
    steps.accept(tx);
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      if (e.failed("post")) {
        throw new PreconditionFailed("The post has changed since it was read; read it again and retry");
      }
      if (authorLabel != null && e.failed(authorLabel)) {
        throw new AuthorChanged();
      }
      throw e;
    }
  }

  /** Adds a newly published post to the list, in id order (= time order), keeping the newest only. */
  private static List<String> insert(List<String> latest, String id) {
    List<String> next = new ArrayList<>(latest);
    if (!next.contains(id)) {
      next.add(id);
    }
    next.sort(Comparator.reverseOrder());
    return next.size() > LATEST_KEPT ? next.subList(0, LATEST_KEPT) : next;
  }

  /**
   * Takes a post out of the list; if the list was full, the next older published post (if any) takes the
   * freed place, so the list stays "the newest N" and never needs a rebuild.
   */
  private List<String> remove(List<String> latest, String id, String authorId) {
    if (!latest.contains(id)) {
      return latest;
    }
    List<String> next = new ArrayList<>(latest);
    next.remove(id);
    if (latest.size() == LATEST_KEPT) {
      query("gsi2", "gsi2pk", "gsi2sk", PostItem.authorKey(authorId, true), 2,
          Optional.of(latest.get(latest.size() - 1)), false).stream()
          .map(Post::id).filter(older -> !older.equals(id)).findFirst().ifPresent(next::add);
    }
    return next;
  }

  private Optional<Map<String, AttributeValue>> author(String authorId) {
    try {
      var answer = dynamo.getItem(r -> r.tableName(store.table()).key(userKey(authorId)).consistentRead(true)
          .projectionExpression("pk, deleting, latestPostIds, postsRev, postCount, publishedPosts"));
      return answer.hasItem() && !answer.item().isEmpty() ? Optional.of(answer.item()) : Optional.empty();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  /** Up to {@code max} posts of one index partition, newest first, older than {@code beforeId} when given. */
  private List<Post> query(String index, String pkName, String skName, String partition, int max,
      Optional<String> beforeId, boolean consistent) {
    List<Post> found = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    try {
      do {
        QueryRequest.Builder query = QueryRequest.builder().tableName(store.table()).indexName(index)
            .scanIndexForward(false).limit(max - found.size()).consistentRead(consistent)
            .exclusiveStartKey(start);
        // The cursor is the last id shown; "older than it" is a key condition, so no item is read twice.
        if (beforeId.isPresent()) {
          query.keyConditionExpression("#pk = :pk AND #sk < :before")
              .expressionAttributeNames(Map.of("#pk", pkName, "#sk", skName))
              .expressionAttributeValues(values(":pk", s(partition), ":before", s(beforeId.get())));
        } else {
          query.keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", pkName))
              .expressionAttributeValues(values(":pk", s(partition)));
        }
        QueryResponse answer = dynamo.query(query.build());
        answer.items().forEach(item -> found.add(PostItem.SCHEMA.mapToItem(item).toPost()));
        start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
      } while (start != null && found.size() < max); // a page cut short by DynamoDB's 1 MB limit
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    return found;
  }

  /** All items of {@code keys}, 100 keys per request, unprocessed keys asked again. */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    try {
      for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
        KeysAndAttributes.Builder ask = KeysAndAttributes.builder()
            .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS))).consistentRead(true);
        if (projection != null) {
          ask.projectionExpression(projection);
        }
        Map<String, KeysAndAttributes> request = Map.of(store.table(), ask.build());
        for (int attempt = 1; !request.isEmpty(); attempt++) {
          final Map<String, KeysAndAttributes> pending = request;
          BatchGetItemResponse answer = dynamo.batchGetItem(r -> r.requestItems(pending));
          items.addAll(answer.responses().getOrDefault(store.table(), List.of()));
          request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
          if (!request.isEmpty() && attempt >= 5) {
            throw new Unavailable("The data store is busy; retry after the given delay",
                java.time.Duration.ofSeconds(2));
          }
        }
      }
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    return items;
  }

  private static PostPage page(List<Post> found, int limit) {
    if (found.size() <= limit) {
      return new PostPage(found, Optional.empty());
    }
    List<Post> shown = List.copyOf(found.subList(0, limit));
    return new PostPage(shown, Optional.of(shown.get(limit - 1).id()));
  }

  private static List<String> latestOf(Map<String, AttributeValue> author) {
    AttributeValue list = author == null ? null : author.get("latestPostIds");
    return list == null || !list.hasL() ? List.of() : list.l().stream().map(AttributeValue::s).toList();
  }

  private static long countOf(Map<String, AttributeValue> author, String attribute) {
    AttributeValue count = author == null ? null : author.get(attribute);
    return count == null || count.n() == null ? 0 : Long.parseLong(count.n());
  }

  private static String updateExpression(Post after) {
    String update = "SET #title = :title, #content = :content, #published = :published, updatedAt = :updatedAt, "
        + "#version = :version, gsi2pk = :authorKey";
    return after.published() ? update + ", gsi1pk = :posts, gsi1sk = :id" : update + " REMOVE gsi1pk, gsi1sk";
  }

  private static Map<String, AttributeValue> updateValues(Post before, Post after) {
    Map<String, AttributeValue> vals = values(":title", s(after.title()), ":content", s(after.content()),
        ":published", AttributeValue.fromBool(after.published()), ":updatedAt", s(Times.format(after.updatedAt())),
        ":version", n(after.version()), ":expected", n(before.version()),
        ":authorKey", s(PostItem.authorKey(after.authorId(), after.published())));
    if (after.published()) {
      vals.put(":posts", s(PostItem.PUBLISHED_PARTITION));
      vals.put(":id", s(after.id()));
    }
    return vals;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted", java.time.Duration.ofSeconds(1));
    }
  }

  private static Map<String, AttributeValue> postKey(String id) {
    return Map.of("pk", s(PostItem.pk(id)), "sk", s(PostItem.SK));
  }

  /** The author's user item (UserItem's key): it carries the post counters and the latest-posts list. */
  private static Map<String, AttributeValue> userKey(String userId) {
    return Map.of("pk", s("USER#" + userId), "sk", s(USER_SK));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  /** The author's item changed between read and write: read again. */
  private static final class AuthorChanged extends RuntimeException {
    AuthorChanged() {
      super(null, null, false, false);
    }
  }
}
