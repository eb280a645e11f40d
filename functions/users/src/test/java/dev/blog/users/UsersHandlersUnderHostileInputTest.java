package dev.blog.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.HostileInput;
import dev.blog.core.testing.HostileInput.Payload;
import dev.blog.core.testing.HostileRequests;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
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
 * Every users handler, fed generated hostile input (bodies, content types, If-Match, path and query
 * values) by callers of every role, including ones whose account is gone: a 2xx or a problem+json 4xx,
 * never a 5xx, and a 4xx changes nothing in the table (HostileRequests). Each property has a fresh table.
 */
class UsersHandlersUnderHostileInputTest {
  private final UsersFixture f = new UsersFixture();
  private final HostileRequests requests = new HostileRequests(getClass(), f.graph.dynamo(), f.graph.tables());
  private final User moderator = f.create("mod@example.com", Role.MODERATOR);
  private final User ada = f.graph.users().register("ada@example.com", "password-123", "Ada Lovelace", 36);
  private final User alan = f.register("alan@example.com", "Alan Turing");
  private final List<String> ids = List.of(f.admin.userId(), moderator.id(), ada.id(), alan.id());

  @AfterContainer
  static void report() {
    System.out.println(HostileRequests.report(UsersHandlersUnderHostileInputTest.class));
  }

  @Provide
  Arbitrary<Optional<Caller>> callers() {
    return HostileInput.callers(f.admin, List.of(UsersFixture.as(moderator), UsersFixture.as(ada), UsersFixture.as(alan)));
  }

  @Provide
  Arbitrary<String> ids() {
    return HostileInput.ids(ids);
  }

  @Provide
  Arbitrary<String> ifMatch() {
    return HostileInput.ifMatch();
  }

  private static Map<String, Arbitrary<JsonNode>> userFields() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("email", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.integers().between(1, 1_000_000).map(i -> "u" + i + "@example.com")),
        Tuple.of(1, Arbitraries.of(" ADA@example.com ", "root@example.com", "alan@EXAMPLE.com", "a@b.co")))
        .map(TextNode::valueOf));
    fields.put("name", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("Grace Hopper", "  Al  ", "x".repeat(100), "Zoë 李 😀", "Ada \uD800", "e\u0301\u202E")),
        Tuple.of(1, Arbitraries.of("A", "x".repeat(101), "   "))).map(TextNode::valueOf));
    fields.put("password", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("password-123", "12345678", "p".repeat(128), "pässwörd-😀")),
        Tuple.of(1, Arbitraries.of("1234567", "p".repeat(129)))).map(TextNode::valueOf));
    fields.put("age", Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.integers().between(10, 160).map(IntNode::valueOf)),
        Tuple.of(1, Arbitraries.just(NullNode.getInstance()))));
    fields.put("role", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("user", "moderator", "admin")),
        Tuple.of(1, Arbitraries.of("ADMIN", "root"))).map(TextNode::valueOf));
    return fields;
  }

  @Provide
  Arbitrary<Payload> createBodies() {
    return HostileInput.payloads(userFields());
  }

  @Provide
  Arbitrary<Payload> updateBodies() {
    Map<String, Arbitrary<JsonNode>> fields = userFields();
    fields.remove("password");
    return HostileInput.payloads(fields);
  }

  @Provide
  Arbitrary<String> limits() {
    return HostileInput.query(HostileInput.limits());
  }

  @Provide
  Arbitrary<String> cursors() {
    // Real cursors of this listing (with and without a filter), tampered ones, and text.
    String first = f.graph.users().list(f.admin, 1, Optional.empty(), Optional.empty()).nextCursor();
    String filtered = f.graph.users().list(f.admin, 1, Optional.empty(), Optional.of("example")).nextCursor();
    return HostileInput.query(Arbitraries.of(first, filtered, first.substring(1), first + "x",
        first.replace('.', '_'), first.substring(0, first.indexOf('.') + 1) + filtered.substring(filtered.indexOf('.') + 1)));
  }

  @Provide
  Arbitrary<String> emailFilters() {
    return HostileInput.query(Arbitraries.of("example", "ADA", " ada@ ", "x".repeat(254), "x".repeat(255), "%", "\u0000"));
  }

  @Property(tries = 150)
  void getMeAnswersEveryCallerWithA2xxOrAProblem(@ForAll("callers") Optional<Caller> caller,
      @ForAll("ifMatch") String ifMatch) {
    requests.send(new GetMeHandler(f.graph.users(), f.graph.json()),
        HostileRequests.sample("get-me.json", caller).header("if-match", ifMatch).build());
  }

  @Property(tries = 150)
  void getUserAnswersEveryIdWithA2xxOrAProblem(@ForAll("callers") Optional<Caller> caller, @ForAll("ids") String id) {
    requests.send(new GetUserHandler(f.graph.users(), f.graph.json()), HostileRequests.sample("get-user.json", caller).path("id", id).build());
  }

  @Property(tries = 200)
  void listUsersAnswersEveryQueryWithA2xxOrAProblem(@ForAll("callers") Optional<Caller> caller,
      @ForAll("limits") String limit, @ForAll("cursors") String cursor, @ForAll("emailFilters") String emailContains) {
    requests.send(new ListUsersHandler(f.graph.users(), f.graph.json()), HostileRequests.sample("list-users.json", caller)
        .query("limit", limit).query("cursor", cursor).query("emailContains", emailContains).build());
  }

  @Property(tries = 200)
  void createUserAnswersEveryBodyWithA2xxOrAProblemAndA4xxChangesNothing(@ForAll("callers") Optional<Caller> caller,
      @ForAll("createBodies") Payload body) {
    requests.send(new CreateUserHandler(f.graph.users(), f.graph.json()), body.applyTo(HostileRequests.sample("create-user.json", caller)));
  }

  @Property(tries = 250)
  void updateUserAnswersEveryBodyIdAndIfMatchWithA2xxOrAProblemAndA4xxChangesNothing(
      @ForAll("callers") Optional<Caller> caller, @ForAll("ids") String id, @ForAll("ifMatch") String ifMatch,
      @ForAll("updateBodies") Payload body) {
    Requests request = HostileRequests.sample("update-user.json", caller).path("id", id).header("if-match", ifMatch);
    requests.send(new UpdateUserHandler(f.graph.users(), f.graph.json()), body.applyTo(request));
  }

  @Property(tries = 150)
  void deleteUserAnswersEveryIdAndIfMatchWithA2xxOrAProblemAndA4xxChangesNothing(
      @ForAll("callers") Optional<Caller> caller, @ForAll("ids") String id, @ForAll("ifMatch") String ifMatch) {
    APIGatewayV2HTTPEvent event = HostileRequests.sample("delete-user.json", caller).path("id", id).header("if-match", ifMatch).build();
    requests.send(new DeleteUserHandler(f.graph.users(), f.graph.json()), event);
  }
}
