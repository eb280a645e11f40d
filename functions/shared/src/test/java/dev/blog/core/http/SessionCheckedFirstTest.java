package dev.blog.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.json.Json;
import dev.blog.core.security.Role;
import dev.blog.core.security.SessionCheck;
import dev.blog.core.testing.HandlerCalls;
import dev.blog.core.testing.Requests;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A caller the authorizer let through without reading their session (the store failed it) is checked by the
 * function itself before the handler runs: an ended session is a 401, a store still down a 503 with Retry-After,
 * a live one runs with the stored role, not the token's. A checked caller costs no second read.
 */
class SessionCheckedFirstTest {
  private final AtomicInteger handled = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();

  /** Answers the role it runs as. */
  private final class WhoAmI extends ApiHandler {
    WhoAmI() {
      super(new Json());
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
      handled.incrementAndGet();
      return ApiResponse.ok(java.util.Map.of("role", request.caller().role().wire()));
    }
  }

  private APIGatewayV2HTTPResponse call(SessionCheck check, boolean checkedByTheAuthorizer) {
    WhoAmI handler = new WhoAmI();
    if (check != null) {
      handler.checkSessionsWith((userId, epoch) -> {
        reads.incrementAndGet();
        return check.liveRole(userId, epoch);
      });
    }
    Requests request = Requests.route("GET /whoami").as("u-1", Role.ADMIN);
    return HandlerCalls.call(handler, (checkedByTheAuthorizer ? request : request.sessionUnchecked()).build());
  }

  @Test
  void anUncheckedCallerWhoseSessionEndedGets401AndTheHandlerNeverRuns() {
    APIGatewayV2HTTPResponse response = call((id, epoch) -> Optional.empty(), false);
    HandlerCalls.problem(response, 401);
    assertThat(handled).hasValue(0);
  }

  @Test
  void anUncheckedCallerWhileTheStoreIsDownGets503WithRetryAfterAndTheHandlerNeverRuns() {
    APIGatewayV2HTTPResponse response = call((id, epoch) -> {
      throw new Unavailable("busy", Duration.ofSeconds(4));
    }, false);
    HandlerCalls.problem(response, 503);
    assertThat(response.getHeaders()).containsEntry("Retry-After", "4");
    assertThat(handled).hasValue(0);
  }

  @Test
  void anUncheckedCallerWithALiveSessionRunsWithTheStoredRoleNotTheTokens() {
    APIGatewayV2HTTPResponse response = call((id, epoch) -> Optional.of(Role.USER), false);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(HandlerCalls.body(response).get("role").asText()).isEqualTo("user");
  }

  @Test
  void aCallerTheAuthorizerCheckedCostsNoSecondRead() {
    APIGatewayV2HTTPResponse response = call((id, epoch) -> Optional.empty(), true);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(reads).hasValue(0);
  }

  @Test
  void aHandlerWithoutASessionCheckNeverTakesAnUncheckedCallerForALiveOne() {
    APIGatewayV2HTTPResponse response = call(null, false);
    HandlerCalls.problem(response, 500);
    assertThat(handled).hasValue(0);
  }
}
