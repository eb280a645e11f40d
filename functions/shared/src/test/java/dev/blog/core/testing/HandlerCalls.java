package dev.blog.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.core.http.ApiHandler;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Calls an HTTP handler as Lambda does and reads its answer: the steps every handler test shares. */
public final class HandlerCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HandlerCalls() {}

  public static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new TestContext());
  }

  public static JsonNode body(APIGatewayV2HTTPResponse response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A problem+json answer with this status, a request id, and nothing of the internals in it. */
  public static JsonNode problem(APIGatewayV2HTTPResponse response, int status) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    JsonNode body = body(response);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("requestId").asText()).isNotBlank();
    assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("dynamodb").doesNotContain("at dev.");
    return body;
  }
}
