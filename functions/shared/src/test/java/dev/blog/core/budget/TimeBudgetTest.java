package dev.blog.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.template.FunctionDef;
import dev.blog.local.template.Template;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The time budget every client gets: derived from the function's timeout, and that timeout the one template.yaml
 * gives the function (a function cannot read its own Timeout, so the template repeats it in its environment).
 */
class TimeBudgetTest {
  private static final Template TEMPLATE = Template.load(Template.findProjectDir());

  @Test
  void everyFunctionIsToldItsOwnTimeout() {
    assertThat(TEMPLATE.functionIds()).isNotEmpty().allSatisfy(id -> {
      FunctionDef function = TEMPLATE.function(id);
      assertThat(function.environment().get("FUNCTION_TIMEOUT_SECONDS"))
          .as("%s: FUNCTION_TIMEOUT_SECONDS beside its Timeout of %d s", id, function.timeoutSeconds())
          .isEqualTo(String.valueOf(function.timeoutSeconds()));
    });
  }

  @Test
  void everyFunctionCanAnswerAfterItsSlowestCallRetriedToTheEnd() {
    for (String id : TEMPLATE.functionIds()) {
      Duration timeout = Duration.ofSeconds(TEMPLATE.function(id).timeoutSeconds());
      TimeBudget budget = TimeBudget.forFunctionTimeout(timeout);
      // A call, all its attempts included, ends well before the function does: the answer (a 503) fits after it.
      assertThat(budget.callTimeout().plus(budget.answerReserve())).as(id).isLessThanOrEqualTo(timeout.dividedBy(2));
      assertThat(budget.attemptTimeout().multipliedBy(2)).as(id).isLessThanOrEqualTo(budget.callTimeout());
      assertThat(budget.connectTimeout()).as(id).isLessThanOrEqualTo(budget.attemptTimeout());
    }
  }

  @Test
  void anHttpFunctionsCallGivesUpWithinFourSecondsAndNoCallIsLongerThanFive() {
    TimeBudget http = TimeBudget.forFunctionTimeout(Duration.ofSeconds(10));
    assertThat(http.callTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(http.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(http.maxAttempts()).isEqualTo(3);
    assertThat(TimeBudget.forFunctionTimeout(Duration.ofMinutes(15)).callTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void noCallStartsThatCouldNotFinishBeforeTheInvocationEnds() {
    Deadline deadline = new Deadline(TimeBudget.forFunctionTimeout(Duration.ofSeconds(10)));
    assertThat(deadline.allowsCall()).as("outside an invocation").isTrue();
    assertThat(Deadline.within(9_000, deadline::allowsCall)).isTrue();
    assertThat(Deadline.within(4_500, deadline::allowsCall)).as("4 s call + 1 s answer do not fit in 4.5 s").isFalse();
    assertThat(deadline.allowsCall()).as("after the invocation").isTrue();
  }
}
