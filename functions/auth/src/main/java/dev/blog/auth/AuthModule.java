package dev.blog.auth;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.config.Settings;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.store.SecretSource;
import dev.blog.core.store.Store;
import dev.blog.core.user.PasswordAttempts;
import dev.blog.core.user.UserRepository;
import java.time.Clock;
import javax.inject.Singleton;

/** Tokens and login. */
@Module
public final class AuthModule {
  private AuthModule() {}

  @Provides
  @Singleton
  static TokenVerifier tokenVerifier(Settings settings) {
    return new TokenVerifier(settings.jwtPublicJwks(), settings.jwtIssuer(), settings.jwtAudience());
  }

  @Provides
  @Singleton
  static TokenIssuer tokenIssuer(SecretSource secrets, Settings settings, Clock clock) {
    return new TokenIssuer(() -> secrets.get(settings.signingKeySecretId()),
        settings.jwtIssuer(), settings.jwtAudience(), clock);
  }

  @Provides
  @Singleton
  static LoginService loginService(UserRepository users, PasswordHasher passwords, PasswordAttempts attempts,
      TokenIssuer tokens, Clock clock) {
    return new LoginService(users, passwords, attempts, tokens, clock);
  }
}
