package dev.blog.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.error.DomainException;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.Forbidden;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.Locked;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.error.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  private static Problems.Answer answer(DomainException e) {
    return Problems.of(e, "req-1");
  }

  @Test
  void eachDomainErrorHasTheContractsStatus() {
    assertThat(answer(Invalid.field("email", "is required")).status()).isEqualTo(400);
    assertThat(answer(new Unauthenticated("who?")).status()).isEqualTo(401);
    assertThat(answer(new Forbidden("no")).status()).isEqualTo(403);
    assertThat(answer(new NotFound("gone")).status()).isEqualTo(404);
    assertThat(answer(new Conflict("taken")).status()).isEqualTo(409);
    assertThat(answer(new PreconditionFailed("stale")).status()).isEqualTo(412);
    assertThat(answer(new Locked("later", Duration.ofMinutes(15))).status()).isEqualTo(429);
    assertThat(answer(new Unavailable("busy", Duration.ofSeconds(2))).status()).isEqualTo(503);
  }

  @Test
  void aValidationProblemListsEveryBadFieldAndTheDetailAndRequestId() {
    Problem body = answer(new Invalid(List.of(new FieldError("email", "is required"),
        new FieldError("age", "must be an integer from 18 to 150")))).body();
    assertThat(body.errors()).extracting(FieldError::field).containsExactly("email", "age");
    assertThat(body.detail()).isEqualTo("2 fields are invalid");
    assertThat(body.requestId()).isEqualTo("req-1");
    assertThat(body.type()).isEqualTo("about:blank");
  }

  @Test
  void waitingAnswersSayHowLongInWholeSecondsRoundedUp() {
    assertThat(answer(new Unavailable("busy", Duration.ofMillis(1_200))).headers())
        .isEqualTo(Map.of("Retry-After", "2"));
    assertThat(answer(new Locked("later", Duration.ofMillis(10))).headers()).isEqualTo(Map.of("Retry-After", "1"));
    assertThat(answer(new NotFound("gone")).headers()).isEmpty();
  }

  @Test
  void anUnavailableStoreNeverShowsItsCause() {
    Problem body = answer(new Unavailable("The data store is busy; retry after the given delay", Duration.ofSeconds(2),
        new IllegalStateException("ProvisionedThroughputExceededException: table AppTable"))).body();
    assertThat(body.toString()).doesNotContain("AppTable", "Provisioned");
  }

  @Test
  void theInternalAnswerNamesNothing() {
    Problem body = Problems.internal("req-9").body();
    assertThat(body.status()).isEqualTo(500);
    assertThat(body.detail()).isEqualTo("Internal server error");
    assertThat(body.errors()).isEmpty();
  }
}
