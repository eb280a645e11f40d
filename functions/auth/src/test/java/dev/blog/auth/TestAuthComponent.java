package dev.blog.auth;

import com.nimbusds.jose.jwk.JWKSet;
import dagger.Component;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.testing.LocalModule;
import dev.blog.core.testing.TestStore;
import dev.blog.core.testing.WireCounter;
import dev.blog.core.user.UserRepository;
import java.util.Map;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The auth functions' graph on moto server, with a test signing key in place of Secrets Manager. */
@Singleton
@Component(modules = {CoreModule.class, LocalModule.class, StoreModule.class, AuthModule.class})
interface TestAuthComponent extends AuthComponent {
  UserRepository repository();

  dev.blog.core.store.Store store();

  dev.blog.core.config.Settings settings();

  DynamoDbClient dynamo();

  /** What reached moto server at the wire. */
  WireCounter wire();

  static TestAuthComponent create() {
    return on(TestStore.freshTable());
  }

  /** The graph on {@code table} (which may be reached through a fault proxy: its endpoint is the proxy's). */
  static TestAuthComponent on(TestStore.Table table) {
    return DaggerTestAuthComponent.builder().localModule(module(table)).build();
  }

  private static dev.blog.core.testing.LocalModule module(TestStore.Table table) {
    return table.module(
        Map.of("SIGNING_KEY_SECRET_ARN", "signing-key",
            "JWT_PUBLIC_JWKS", new JWKSet(TokenVerifierTest.KEY.toPublicJWK()).toString(),
            "JWT_ISSUER", TokenVerifierTest.ISSUER, "JWT_AUDIENCE", TokenVerifierTest.AUDIENCE),
        Map.of("signing-key", TokenVerifierTest.KEY.toJSONString()));
  }

  /** The graph on {@code table}, its client trying each call once (a fault on the wire is met at once). */
  static TestAuthComponent onWithoutRetries(TestStore.Table table) {
    return DaggerTestAuthComponent.builder().localModule(module(table).withoutRetries()).build();
  }
}
