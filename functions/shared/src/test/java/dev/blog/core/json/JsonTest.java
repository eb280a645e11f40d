package dev.blog.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.FieldError;
import dev.blog.core.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Person(String name, Integer age, Boolean active, Role role, List<String> tags) {}

  private final Json json = new Json();

  private FieldError errorOf(String body) {
    var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(Invalid.class,
        () -> json.read(body.getBytes(StandardCharsets.UTF_8), Person.class));
    assertThat(thrown).as("a 400 for %s", body).isNotNull();
    assertThat(thrown.errors()).hasSize(1);
    return thrown.errors().get(0);
  }

  @Test
  void readsAValidObject() {
    Person p = json.read("{\"name\":\"Ada\",\"age\":36,\"role\":\"admin\",\"tags\":[\"a\"]}".getBytes(StandardCharsets.UTF_8), Person.class);
    assertThat(p).isEqualTo(new Person("Ada", 36, null, Role.ADMIN, List.of("a")));
  }

  @Test
  void unknownPropertyIsNamed() {
    assertThat(errorOf("{\"name\":\"Ada\",\"isAdmin\":true}")).isEqualTo(new FieldError("isAdmin", "unknown property"));
  }

  @Test
  void numberIsNotQuietlyTurnedIntoAString() {
    assertThat(errorOf("{\"name\":42}")).isEqualTo(new FieldError("name", "must be a string"));
  }

  @Test
  void stringOrFractionIsNotAnInteger() {
    assertThat(errorOf("{\"age\":\"36\"}")).isEqualTo(new FieldError("age", "must be an integer"));
    assertThat(errorOf("{\"age\":36.5}")).isEqualTo(new FieldError("age", "must be an integer"));
  }

  @Test
  void stringIsNotABoolean() {
    assertThat(errorOf("{\"active\":\"true\"}")).isEqualTo(new FieldError("active", "must be a boolean"));
  }

  @Test
  void unknownRoleListsTheRolesThatExist() {
    assertThat(errorOf("{\"role\":\"root\"}")).isEqualTo(new FieldError("role", "must be one of: user, moderator, admin"));
  }

  @Test
  void wrongTypeInsideAnArrayNamesTheIndex() {
    assertThat(errorOf("{\"tags\":[\"a\",{}]}").field()).isEqualTo("tags[1]");
  }

  @Test
  void malformedJsonNamesTheBodyAndThePosition() {
    FieldError error = errorOf("{\"name\": \"Ada\",,}");
    assertThat(error.field()).isEqualTo("body");
    assertThat(error.message()).startsWith("malformed JSON at line 1");
  }

  @Test
  void malformedJsonMessageNeverEchoesTheInput() {
    FieldError error = errorOf("{\"password\": \"hunter2-secret\" oops}");
    assertThat(error.message()).doesNotContain("hunter2");
  }

  @Test
  void aBodyThatIsNotAnObjectIsRejected() {
    assertThat(errorOf("[1,2]")).isEqualTo(new FieldError("body", "must be a JSON object"));
    assertThat(errorOf("null")).isEqualTo(new FieldError("body", "must be a JSON object"));
  }

  @Test
  void trailingGarbageIsRejected() {
    assertThat(errorOf("{\"name\":\"Ada\"} {}").field()).isEqualTo("body");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThat(errorOf("{\"name\":\"Ada\",\"name\":\"Eve\"}").field()).isEqualTo("body");
  }

  @Test
  void absentOptionalFieldsAreLeftOutOfResponses() {
    assertThat(json.write(new Person("Ada", null, null, Role.USER, null))).isEqualTo("{\"name\":\"Ada\",\"role\":\"user\"}");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "{\"tags\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThatThrownBy(() -> json.read(deep.getBytes(StandardCharsets.UTF_8), Person.class))
        .isInstanceOf(Invalid.class);
  }
}
