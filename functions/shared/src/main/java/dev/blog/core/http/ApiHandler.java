package dev.blog.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.blog.core.budget.Deadline;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.error.DomainException;
import dev.blog.core.json.Json;
import dev.blog.core.security.AuthorizerContext;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.security.SessionCheck;
import dev.blog.core.snapstart.Priming;
import dev.blog.core.snapstart.PrimingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cross-cutting part of every HTTP function, written once: build the request view, run the handler,
 * turn a {@link DomainException} (or a {@link RequestRejected} envelope) into problem+json through
 * {@link Problems} and anything else into a logged, generic 500, write
 * the JSON body, and log one line per request. Subclasses only parse, validate, delegate and map.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";
  /**
   * What every answer carries unless its handler says otherwise (only the JWK set does): API answers hold
   * personal data (users, drafts, tokens, errors naming a caller's input), which no browser or shared cache
   * may keep (https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html#security-headers).
   */
  private static final String NO_STORE = "no-store";

  private final Json json;
  private final RequestLog log;
  /** The function's own session check, for a request the authorizer let through unchecked (a store fault then). */
  private SessionCheck sessions;

  protected ApiHandler(Json json) {
    this.json = json;
    this.log = new RequestLog(json);
  }

  /**
   * How this function checks a session itself when the authorizer could not ({@link AuthorizerContext}): set by
   * the Lambda constructor of every handler behind the authorizer. A handler without one refuses such a request
   * (a logged 500): an unchecked session is never taken as a live one.
   */
  public final void checkSessionsWith(SessionCheck check) {
    this.sessions = check;
  }

  /**
   * Registers this handler's SnapStart warm-up: its {@link #primingRequest} through the whole of
   * {@link #handleRequest}, which reports the status it answered. Called by each handler's Lambda constructor
   * once the handler is whole, never from here: a half-built handler must not be reachable from the checkpoint.
   */
  public final void registerPriming(Priming priming) {
    priming.register(getClass().getSimpleName(),
        () -> "HTTP " + handleRequest(primingRequest().event(), PrimingContext.INSTANCE).getStatusCode());
  }

  /**
   * The request SnapStart priming sends through this handler: its route's success path, so that the request
   * parsing, validation, the service, the SDK (answered at the socket, never sent) and the response mapping of
   * a first request all run before the snapshot. Its log line goes nowhere (PrimingContext). Without an
   * override, a request without a caller or a body, which the handler turns down before any I/O.
   */
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/priming");
  }

  protected abstract ApiResponse handle(ApiRequest request);

  @Override
  public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    long started = System.nanoTime();
    String requestId = requestId(event, context);
    ApiRequest request = new ApiRequest(event, requestId, context.getLogger(), json);
    APIGatewayV2HTTPResponse response;
    try {
      // Every SDK call of this request must fit, with the answer, in the time Lambda gives it (Deadline).
      response = toHttp(Deadline.within(context.getRemainingTimeInMillis(), () -> checkedThenHandled(request)));
    } catch (DomainException e) {
      response = problem(Problems.of(e, requestId));
    } catch (RequestRejected e) {
      response = problem(Problems.of(e, requestId));
    } catch (RuntimeException e) {
      log.failure(context, requestId, request.routeKey(), e);
      response = problem(Problems.internal(requestId));
    }
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    String userId = request.callerIfAny().map(Caller::userId).orElse(null);
    log.request(context, requestId, request.routeKey(), response.getStatusCode(), latencyMs, userId);
    return response;
  }

  /**
   * The session first, when the authorizer let the request through without reading it (the contract's Auth
   * section): a live one lets the handler run with the stored role, an ended one is a 401, and a store that cannot
   * answer now a 503 with Retry-After. Nothing of the handler runs before.
   */
  private ApiResponse checkedThenHandled(ApiRequest request) {
    Optional<Caller> claimed = request.claimedCaller();
    if (claimed.isPresent() && !request.sessionChecked()) {
      if (sessions == null) {
        throw new IllegalStateException(getClass().getSimpleName() + " got a caller whose session is unchecked and "
            + "has no session check of its own (checkSessionsWith)");
      }
      try {
        Role stored = sessions.liveRole(claimed.get().userId(), claimed.get().sessionEpoch())
            .orElseThrow(() -> new Unauthenticated("Your session has ended; log in again"));
        request.confirmSession(stored);
      } catch (DomainException refused) {
        return sessionRefused(refused);
      }
    }
    return handle(request);
  }

  /**
   * The answer when the function's own session check refuses the caller (401) or cannot read the store (503):
   * problem+json, as every other domain error. GraphQL answers in-band instead.
   */
  protected ApiResponse sessionRefused(DomainException refused) {
    throw refused;
  }

  private APIGatewayV2HTTPResponse toHttp(ApiResponse answer) {
    Map<String, String> headers = new LinkedHashMap<>(answer.headers());
    headers.putIfAbsent("Cache-Control", NO_STORE);
    String body = null;
    if (answer.body() != null) {
      headers.put("Content-Type", JSON);
      body = json.write(answer.body());
    }
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(answer.status()).withHeaders(headers).withBody(body).withIsBase64Encoded(false).build();
  }

  private APIGatewayV2HTTPResponse problem(Problems.Answer answer) {
    Map<String, String> headers = new LinkedHashMap<>(answer.headers());
    headers.put("Content-Type", PROBLEM_JSON);
    headers.put("Cache-Control", NO_STORE);
    return APIGatewayV2HTTPResponse.builder().withStatusCode(answer.status()).withHeaders(headers)
        .withBody(json.write(answer.body())).withIsBase64Encoded(false).build();
  }

  /** API Gateway's request id is what a client sees (apigw-requestid); fall back to Lambda's own. */
  private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
    if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
      return event.getRequestContext().getRequestId();
    }
    return context.getAwsRequestId();
  }
}
