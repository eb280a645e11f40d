package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.nimbusds.jose.jwk.JWKSet;
import dev.blog.core.config.Settings;
import dev.blog.core.json.Json;
import dev.blog.core.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

class JwksHandlerTest {
  @ParameterizedTest
  @Event(value = "events/jwks.json", type = APIGatewayV2HTTPEvent.class)
  void publishesThePublicKeyAndNeverAPrivatePart(APIGatewayV2HTTPEvent sample) throws Exception {
    // Even if the private JWK were configured by mistake, only its public half is served.
    Settings settings = new Settings(Map.of("JWT_PUBLIC_JWKS", new JWKSet(TokenVerifierTest.KEY).toString(false)));
    var response = new JwksHandler(settings, new Json()).handleRequest(sample, new TestContext());
    assertThat(response.getStatusCode()).isEqualTo(200);
    JWKSet served = JWKSet.parse(response.getBody());
    assertThat(served.getKeys()).hasSize(1);
    assertThat(served.getKeys().get(0).isPrivate()).isFalse();
    assertThat(served.getKeys().get(0).getKeyID()).isEqualTo("key-1");
    assertThat(response.getBody()).doesNotContain("\"d\"");
  }
}
