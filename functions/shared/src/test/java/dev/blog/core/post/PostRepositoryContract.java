package dev.blog.core.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.security.Role;
import dev.blog.core.store.Ids;
import dev.blog.core.store.Page;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import dev.blog.core.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link PostRepository} promises, proven against a real DynamoDB, on a fresh table per test. Subclasses
 * say where the table is: moto server always, LocalStack where Docker runs.
 */
abstract class PostRepositoryContract {
  private final Ids ids = new Ids(Clock.systemUTC());
  private TestCoreComponent graph;
  private User ada;

  protected abstract TestStore.Table freshTable();

  @BeforeEach
  void productionStoreGraphOnAFreshTableWithAnAuthor() {
    graph = TestCoreComponent.on(freshTable());
    ada = author("ada@example.com");
  }

  private PostRepository posts() {
    return graph.postRepository();
  }

  private User author(String email) {
    Instant now = now();
    User user = new User(ids.next(), email, "Author " + email, null, Role.USER, now, now, 1);
    graph.repository().create(user, "hash", audit("user.registered", user.id()), Optional.empty());
    return user;
  }

  /** A new post of {@code author}, stored; ids are UUIDv7, so each one is newer than the one before. */
  private Post write(User author, boolean published) {
    Instant now = now();
    Post post = new Post(ids.next(), author.id(), "Title", "Text", published, now, now, 1);
    posts().create(post, audit("post.created", post.id()));
    return post;
  }

  private static Post changed(Post post, String title, boolean published) {
    return new Post(post.id(), post.authorId(), title, post.content(), published, post.createdAt(), now(),
        post.version() + 1);
  }

  private AuditEntry audit(String action, String targetId) {
    return new AuditEntry(ids.next(), "actor", action, "post", targetId, now());
  }

  private List<String> auditTrail(String targetId) {
    return graph.auditLog().list(Optional.of(targetId), 100, Optional.empty()).items().stream()
        .map(AuditEntry::action).toList();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static DomainException failure(Runnable action) {
    return catchThrowableOfType(DomainException.class, action::run);
  }

  private static List<String> idsOf(List<Post> posts) {
    return posts.stream().map(Post::id).toList();
  }

  /** The ids newest first: reverse id order (UUIDv7), whatever order the posts were written in. */
  private static List<String> newestFirst(List<Post> posts) {
    return posts.stream().map(Post::id).sorted(Comparator.reverseOrder()).toList();
  }

  /** Every page of a listing, following the cursors: the ids in the order shown, and how many pages it took. */
  private static List<List<String>> pagesOf(Function<Optional<String>, Page<Post>> listing) {
    List<List<String>> pages = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      Page<Post> page = listing.apply(after);
      pages.add(idsOf(page.items()));
      after = page.lastShown();
    } while (after.isPresent());
    return pages;
  }

  @Test
  void aCreatedPostCanBeFoundAndIsAuditedInTheSameTransaction() {
    Post post = write(ada, false);
    assertThat(posts().find(post.id())).contains(post);
    assertThat(auditTrail(post.id())).containsExactly("post.created");
    assertThat(posts().find(ids.next())).isEmpty();
  }

  @Test
  void anUpdateFromAStaleVersionIsRefusedAndChangesNothing() {
    Post post = write(ada, true);
    Post renamed = changed(post, "Renamed", true);
    posts().update(post, renamed, audit("post.updated", post.id()));
    assertThat(failure(() -> posts().update(post, changed(post, "Lost update", true), audit("post.updated", post.id()))))
        .isInstanceOf(PreconditionFailed.class);
    assertThat(posts().find(post.id())).contains(renamed);
    assertThat(auditTrail(post.id())).containsExactlyInAnyOrder("post.created", "post.updated");
  }

  @Test
  void aDeleteOfAStaleVersionIsRefusedAndOfTheCurrentOneRemovesThePostFromEveryListing() {
    Post post = write(ada, true);
    Post renamed = changed(post, "Renamed", true);
    posts().update(post, renamed, audit("post.updated", post.id()));
    assertThat(failure(() -> posts().delete(post, audit("post.deleted", post.id())))).isInstanceOf(PreconditionFailed.class);
    assertThat(posts().find(post.id())).isPresent();

    posts().delete(renamed, audit("post.deleted", post.id()));
    assertThat(posts().find(post.id())).isEmpty();
    assertThat(posts().published(10, Optional.empty()).items()).isEmpty();
    assertThat(posts().allByAuthor(ada.id(), 10, Optional.empty()).items()).isEmpty();
    assertThat(posts().latestPublished(List.of(ada.id()), 5).get(ada.id()).items()).isEmpty();
    assertThat(auditTrail(post.id())).hasSize(3).contains("post.deleted");
  }

  @Test
  void publishingAndUnpublishingMoveAPostBetweenTheDraftAndPublishedListings() {
    Post draft = write(ada, false);
    assertThat(posts().byAuthor(ada.id(), false, 10, Optional.empty()).items()).containsExactly(draft);
    assertThat(posts().byAuthor(ada.id(), true, 10, Optional.empty()).items()).isEmpty();
    assertThat(posts().published(10, Optional.empty()).items()).isEmpty();

    Post published = changed(draft, "Out now", true);
    posts().update(draft, published, audit("post.updated", draft.id()));
    assertThat(posts().byAuthor(ada.id(), false, 10, Optional.empty()).items()).isEmpty();
    assertThat(posts().byAuthor(ada.id(), true, 10, Optional.empty()).items()).containsExactly(published);
    assertThat(posts().published(10, Optional.empty()).items()).containsExactly(published);
    assertThat(posts().latestPublished(List.of(ada.id()), 5).get(ada.id()).items()).containsExactly(published);

    Post withdrawn = changed(published, "Back to draft", false);
    posts().update(published, withdrawn, audit("post.updated", draft.id()));
    assertThat(posts().byAuthor(ada.id(), false, 10, Optional.empty()).items()).containsExactly(withdrawn);
    assertThat(posts().published(10, Optional.empty()).items()).isEmpty();
    assertThat(posts().latestPublished(List.of(ada.id()), 5).get(ada.id()).items()).isEmpty();
  }

  @Test
  void everybodysPublishedPostsArePagedNewestFirstWithoutDuplicatesOrDrafts() {
    User alan = author("alan@example.com");
    List<Post> published = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      published.add(write(i % 2 == 0 ? ada : alan, true));
      write(ada, false);
    }
    List<List<String>> pages = pagesOf(after -> posts().published(3, after));
    assertThat(pages).hasSize(3);
    assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(newestFirst(published));
  }

  @Test
  void aFullLastPageSaysThereIsNoNextPage() {
    for (int i = 0; i < 4; i++) {
      write(ada, true);
    }
    Page<Post> first = posts().byAuthor(ada.id(), true, 2, Optional.empty());
    Page<Post> second = posts().byAuthor(ada.id(), true, 2, first.lastShown());
    assertThat(second.items()).hasSize(2);
    assertThat(second.lastShown()).isEmpty();
  }

  @Test
  void aPageAfterAPostDeletedSinceContinuesFromWhereThatPostWas() {
    List<Post> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      written.add(write(ada, true));
    }
    List<String> expected = newestFirst(written);
    Page<Post> first = posts().published(2, Optional.empty());
    assertThat(first.lastShown()).contains(expected.get(1));
    Post lastShown = posts().find(expected.get(1)).orElseThrow();
    posts().delete(lastShown, audit("post.deleted", lastShown.id()));

    Page<Post> second = posts().published(2, first.lastShown());
    assertThat(idsOf(second.items())).isEqualTo(expected.subList(2, 4));
  }

  @Test
  void theAuthorsOwnListingMergesDraftsAndPublishedPostsNewestFirst() {
    List<Post> written = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      written.add(write(ada, i % 3 != 0));
    }
    write(author("alan@example.com"), true);
    List<List<String>> pages = pagesOf(after -> posts().allByAuthor(ada.id(), 3, after));
    assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
    assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(newestFirst(written));
  }

  @Test
  void latestPublishedServesEveryAuthorsNewestPublishedPostsAtOnce() {
    User alan = author("alan@example.com");
    List<Post> adas = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      adas.add(write(ada, true));
    }
    write(ada, false);
    Post alans = write(alan, true);

    Map<String, Page<Post>> pages = posts().latestPublished(List.of(ada.id(), alan.id(), ids.next()), 3);

    assertThat(idsOf(pages.get(ada.id()).items())).isEqualTo(newestFirst(adas).subList(0, 3));
    assertThat(pages.get(ada.id()).lastShown()).contains(newestFirst(adas).get(2));
    assertThat(pages.get(alan.id()).items()).containsExactly(alans);
    assertThat(pages.get(alan.id()).lastShown()).isEmpty();
    assertThat(pages).hasSize(3);
  }

  @Test
  void theLatestListStaysTheNewestPublishedPostsWhenOneOfThemIsDeleted() {
    List<Post> written = new ArrayList<>();
    for (int i = 0; i < PostRepository.LATEST_KEPT + 2; i++) {
      written.add(write(ada, true));
    }
    Post newest = posts().find(newestFirst(written).get(0)).orElseThrow();
    written.remove(newest);
    posts().delete(newest, audit("post.deleted", newest.id()));

    Page<Post> page = posts().latestPublished(List.of(ada.id()), PostRepository.LATEST_KEPT).get(ada.id());
    assertThat(idsOf(page.items())).isEqualTo(newestFirst(written).subList(0, PostRepository.LATEST_KEPT));
    assertThat(page.lastShown()).isPresent();
  }

  @Test
  void concurrentWritesOfOneAuthorLoseNoPostFromTheLatestList() throws InterruptedException {
    ConcurrentLinkedQueue<Post> stored = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> refused = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    for (int i = 0; i < 6; i++) {
      pool.execute(() -> {
        try {
          stored.add(write(ada, true));
        } catch (RuntimeException e) {
          refused.add(e);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    // A write that kept losing the race is refused as a conflict (the list's revision) or as a busy store.
    assertThat(refused).allSatisfy(e -> assertThat(e).isInstanceOfAny(Conflict.class, Unavailable.class));
    assertThat(stored).isNotEmpty();
    assertThat(posts().latestPublished(List.of(ada.id()), 10).get(ada.id()).items())
        .containsExactlyInAnyOrderElementsOf(stored);
    assertThat(posts().published(10, Optional.empty()).items()).containsExactlyInAnyOrderElementsOf(stored);
  }

  @Test
  void theCascadeDeletesEveryPostAcrossTransactionsAuditsEachOnceAndARetryFindsNothingLeft() {
    int drafts = 30;
    int published = 30; // 60 posts: more than one transaction of 49 holds
    List<Post> written = new ArrayList<>();
    for (int i = 0; i < drafts + published; i++) {
      written.add(write(ada, i < published));
    }
    Post alans = write(author("alan@example.com"), true);

    int deleted = posts().deleteAllBy(ada.id(), post -> audit("post.deleted", post.id()));

    assertThat(deleted).isEqualTo(written.size());
    assertThat(written).allSatisfy(post -> {
      assertThat(posts().find(post.id())).isEmpty();
      assertThat(auditTrail(post.id())).containsExactlyInAnyOrder("post.created", "post.deleted");
    });
    assertThat(posts().allByAuthor(ada.id(), 100, Optional.empty()).items()).isEmpty();
    assertThat(posts().published(100, Optional.empty()).items()).containsExactly(alans);
    assertThat(posts().deleteAllBy(ada.id(), post -> audit("post.deleted", post.id()))).isZero();
  }

  @Test
  void noPostCanBeWrittenForAnAuthorWhoIsGoneOrBeingDeleted() {
    Instant now = now();
    Post orphan = new Post(ids.next(), ids.next(), "Title", "Text", true, now, now, 1);
    assertThat(failure(() -> posts().create(orphan, audit("post.created", orphan.id())))).isInstanceOf(NotFound.class);
    assertThat(posts().find(orphan.id())).isEmpty();
    assertThat(auditTrail(orphan.id())).isEmpty();
    assertThat(posts().deleteAllBy(orphan.authorId(), post -> audit("post.deleted", post.id()))).isZero();

    Post before = write(ada, true);
    graph.repository().markDeleting(ada, now);
    assertThat(failure(() -> write(ada, true))).isInstanceOf(NotFound.class);
    assertThat(failure(() -> posts().delete(before, audit("post.deleted", before.id())))).isInstanceOf(NotFound.class);
    assertThat(posts().find(before.id())).contains(before);
  }
}
