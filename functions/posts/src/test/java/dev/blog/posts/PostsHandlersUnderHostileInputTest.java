package dev.blog.posts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.HostileInput;
import dev.blog.core.testing.HostileInput.Payload;
import dev.blog.core.testing.HostileRequests;
import dev.blog.core.testing.Requests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every posts and audit handler, fed generated hostile input (bodies, content types, If-Match, path and
 * query values) by callers of every role, including ones whose account is gone: a 2xx or a problem+json
 * 4xx, never a 5xx, and a 4xx changes nothing in the table (HostileRequests). Each property has a fresh table.
 */
class PostsHandlersUnderHostileInputTest {
  private final PostsFixture f = new PostsFixture();
  private final HostileRequests requests = new HostileRequests(getClass(), f.graph.dynamo(), f.graph.tables());
  private final Post draft = f.draft(f.author, "A draft");
  private final Post published = f.published(f.author, "Published");
  private final Post others = f.published(f.other, "Someone else's");
  private final List<String> postIds = List.of(draft.id(), published.id(), others.id());
  private final List<String> userIds = List.of(f.admin.userId(), f.author.userId(), f.other.userId());

  @AfterContainer
  static void report() {
    System.out.println(HostileRequests.report(PostsHandlersUnderHostileInputTest.class));
  }

  @Provide
  Arbitrary<Optional<Caller>> callers() {
    return HostileInput.callers(f.author, List.of(f.admin, f.moderator, f.other));
  }

  @Provide
  Arbitrary<String> postIds() {
    return HostileInput.ids(postIds);
  }

  @Provide
  Arbitrary<String> ifMatch() {
    return HostileInput.ifMatch();
  }

  @Provide
  Arbitrary<Payload> postBodies() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("title", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("On the Engine", "t", "x".repeat(200), "Zoë 😀", "\uD83D", "e\u0301\u202E", "  x  ")),
        Tuple.of(1, Arbitraries.of("", "   ", "\u2003\u3000", "x".repeat(201)))).map(TextNode::valueOf));
    fields.put("content", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("", "It weaves algebraic patterns.", "c".repeat(50_000), "\u0000\uFEFF")),
        Tuple.of(1, Arbitraries.just("c".repeat(50_001)))).map(TextNode::valueOf));
    fields.put("published", Arbitraries.of(true, false).map(BooleanNode::valueOf));
    return HostileInput.payloads(fields);
  }

  @Provide
  Arbitrary<String> limits() {
    return HostileInput.query(HostileInput.limits());
  }

  @Provide
  Arbitrary<String> postCursors() {
    String all = f.graph.posts().list(f.author, Optional.empty(), Optional.empty(), 1, Optional.empty()).nextCursor();
    String mine = f.graph.posts().list(f.author, Optional.of(f.author.userId()), Optional.empty(), 1, Optional.empty())
        .nextCursor();
    return HostileInput.query(Arbitraries.of(all, mine, all.substring(2), mine + "=", all.toUpperCase()));
  }

  @Provide
  Arbitrary<String> authorIds() {
    return HostileInput.query(HostileInput.ids(userIds));
  }

  @Provide
  Arbitrary<String> publishedFlags() {
    return HostileInput.query(Arbitraries.of("true", "false", "TRUE", "1", "yes", ""));
  }

  @Provide
  Arbitrary<String> targetIds() {
    return HostileInput.query(Arbitraries.frequencyOf(
        Tuple.of(3, HostileInput.ids(postIds)),
        Tuple.of(1, Arbitraries.of("x".repeat(100), " " + "x".repeat(100) + " ", "x".repeat(101)))));
  }

  @Provide
  Arbitrary<String> auditCursors() {
    String all = f.graph.audit().list(f.admin, Optional.empty(), 1, Optional.empty()).nextCursor();
    return HostileInput.query(Arbitraries.of(all, all.substring(1), all + "A", "a.b", "."));
  }

  @Property(tries = 200)
  void createPostAnswersEveryBodyWithA2xxOrAProblemAndA4xxChangesNothing(@ForAll("callers") Optional<Caller> caller,
      @ForAll("postBodies") Payload body) {
    requests.send(new CreatePostHandler(f.graph.posts(), f.graph.json()), body.applyTo(HostileRequests.sample("create-post.json", caller)));
  }

  @Property(tries = 150)
  void getPostAnswersEveryIdWithA2xxOrAProblem(@ForAll("callers") Optional<Caller> caller, @ForAll("postIds") String id) {
    requests.send(new GetPostHandler(f.graph.posts(), f.graph.json()), HostileRequests.sample("get-post.json", caller).path("id", id).build());
  }

  @Property(tries = 200)
  void listPostsAnswersEveryQueryWithA2xxOrAProblem(@ForAll("callers") Optional<Caller> caller,
      @ForAll("authorIds") String authorId, @ForAll("publishedFlags") String published, @ForAll("limits") String limit,
      @ForAll("postCursors") String cursor) {
    requests.send(new ListPostsHandler(f.graph.posts(), f.graph.json()), HostileRequests.sample("list-posts.json", caller)
        .query("authorId", authorId).query("published", published).query("limit", limit).query("cursor", cursor).build());
  }

  @Property(tries = 250)
  void updatePostAnswersEveryBodyIdAndIfMatchWithA2xxOrAProblemAndA4xxChangesNothing(
      @ForAll("callers") Optional<Caller> caller, @ForAll("postIds") String id, @ForAll("ifMatch") String ifMatch,
      @ForAll("postBodies") Payload body) {
    Requests request = HostileRequests.sample("update-post.json", caller).path("id", id).header("if-match", ifMatch);
    requests.send(new UpdatePostHandler(f.graph.posts(), f.graph.json()), body.applyTo(request));
  }

  @Property(tries = 150)
  void deletePostAnswersEveryIdAndIfMatchWithA2xxOrAProblemAndA4xxChangesNothing(
      @ForAll("callers") Optional<Caller> caller, @ForAll("postIds") String id, @ForAll("ifMatch") String ifMatch) {
    requests.send(new DeletePostHandler(f.graph.posts(), f.graph.json()),
        HostileRequests.sample("delete-post.json", caller).path("id", id).header("if-match", ifMatch).build());
  }

  @Property(tries = 150)
  void listAuditAnswersEveryQueryWithA2xxOrAProblem(@ForAll("callers") Optional<Caller> caller,
      @ForAll("targetIds") String targetId, @ForAll("limits") String limit, @ForAll("auditCursors") String cursor) {
    requests.send(new ListAuditHandler(f.graph.audit(), f.graph.json()), HostileRequests.sample("list-audit.json", caller)
        .query("targetId", targetId).query("limit", limit).query("cursor", cursor).build());
  }
}
