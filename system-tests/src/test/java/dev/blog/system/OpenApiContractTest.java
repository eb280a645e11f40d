package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response check itself, without a stack: it passes what openapi.yaml describes and fails on drift. */
class OpenApiContractTest {
  private static final OpenApiContract CONTRACT = OpenApiContract.load(LocalStackFixture.projectDir().resolve("openapi.yaml"));
  private static final String USER = """
      {"id":"0190f3a0-0000-7000-8000-000000000002","email":"ada@example.com","emailVerified":false,"name":"Ada Lovelace","role":"user",
       "createdAt":"2026-11-23T10:15:30.123Z","updatedAt":"2026-11-23T10:15:30.123Z","version":1}""";
  private static final String PROBLEM_404 = """
      {"type":"about:blank","title":"Not found","status":404,"detail":"No such user","requestId":"r-1"}""";

  private static HttpHeaders headers(String... pairs) {
    Map<String, List<String>> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return HttpHeaders.of(map, (name, value) -> true);
  }

  /** What GET /me answers with beside its body. */
  private static HttpHeaders userHeaders() {
    return headers("Content-Type", "application/json", "ETag", "\"1\"", "Cache-Control", "no-store");
  }

  @Test
  void aDocumentedResponsePasses() {
    assertThatCode(() -> CONTRACT.check("GET", "/me", 200, userHeaders(), USER))
        .doesNotThrowAnyException();
    assertThatCode(() -> CONTRACT.check("GET", "/users/anything", 404,
        headers("Content-Type", "application/problem+json"), PROBLEM_404)).doesNotThrowAnyException();
  }

  @Test
  void aPropertyTheSchemaDoesNotHaveFails() {
    String leaky = USER.replace("\"version\":1", "\"version\":1,\"passwordHash\":\"$argon2id$...\"");
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 200, userHeaders(), leaky))
        .isInstanceOf(AssertionError.class).hasMessageContaining("passwordHash");
  }

  @Test
  void aValueOutsideItsSchemaFails() {
    String shouting = USER.replace("ada@example.com", "Ada@Example.com");
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 200, userHeaders(), shouting))
        .isInstanceOf(AssertionError.class).hasMessageContaining("email");
  }

  @Test
  void aStatusTheOperationDoesNotDocumentFails() {
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 400, headers("Content-Type", "application/problem+json"),
        PROBLEM_404.replace("404", "400"))).isInstanceOf(AssertionError.class).hasMessageContaining("not documented for getMe");
  }

  @Test
  void aMissingRequiredHeaderFails() {
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 200, headers("Content-Type", "application/json",
        "Cache-Control", "no-store"), USER))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ETag");
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 200, headers("Content-Type", "application/json", "ETag", "W/\"1\""), USER))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ETag");
  }

  @Test
  void anUndocumentedContentTypeFails() {
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 404, headers("Content-Type", "application/json"), PROBLEM_404))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type");
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 404, headers("Content-Type", "text/html"), "<html/>"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type");
  }

  @Test
  void theProblemStatusMustBeTheHttpStatus() {
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me", 404, headers("Content-Type", "application/problem+json"),
        PROBLEM_404.replace("\"status\":404", "\"status\":400"))).isInstanceOf(AssertionError.class);
  }

  @Test
  void retryAfterIsRequiredOnTheLockoutButNotOnTheGatewaysThrottling() {
    String locked = "{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,\"requestId\":\"r\"}";
    assertThatThrownBy(() -> CONTRACT.check("POST", "/auth/login", 429, headers("Content-Type", "application/problem+json"), locked))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Retry-After");
    assertThatCode(() -> CONTRACT.check("POST", "/auth/login", 429,
        headers("Content-Type", "application/problem+json", "Retry-After", "900"), locked)).doesNotThrowAnyException();
    assertThatCode(() -> CONTRACT.check("POST", "/auth/login", 429, headers("Content-Type", "application/json"),
        "{\"message\":\"Too Many Requests\"}")).doesNotThrowAnyException();
  }

  @Test
  void aBodyWhereNoneIsDocumentedFails() {
    assertThatThrownBy(() -> CONTRACT.check("DELETE", "/posts/x", 204, headers("Content-Type", "application/json"), "{}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no body");
  }

  @Test
  void aPathThatNamesNoRouteMustGetTheGatewaysNotFound() {
    assertThatCode(() -> CONTRACT.check("GET", "/nothing-here", 404, headers("Content-Type", "application/json"),
        "{\"message\":\"Not Found\"}")).doesNotThrowAnyException();
    assertThatThrownBy(() -> CONTRACT.check("GET", "/me/", 200, headers("Content-Type", "application/json"), USER))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no documented route");
    assertThatThrownBy(() -> CONTRACT.check("PATCH", "/me", 404, headers("Content-Type", "text/html"), "<html/>"))
        .isInstanceOf(AssertionError.class);
  }
}
