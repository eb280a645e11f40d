package dev.blog.auth;

import dagger.Component;
import dev.blog.core.config.Settings;
import dev.blog.core.json.Json;
import dev.blog.core.inject.AwsClientsModule;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.SettingsModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.user.AccountService;
import dev.blog.core.user.UserService;
import dev.blog.core.snapstart.Priming;
import javax.inject.Singleton;

/**
 * The object graph of the auth functions. Dagger builds only what a function asks for, so the
 * authorizer never creates a DynamoDB client and the JWKS function never creates anything but JSON.
 */
@Singleton
@Component(modules = {CoreModule.class, SettingsModule.class, AwsClientsModule.class, StoreModule.class, AuthModule.class})
public interface AuthComponent {
  /** The instance\'s SnapStart warm-ups; each handler registers its own in its Lambda constructor. */
  Priming priming();

  /** The function's own session check, for a request the authorizer could not check (ApiHandler). */
  dev.blog.core.security.SessionCheck sessions();

  Json json();

  Settings settings();

  UserService users();

  AccountService accounts();

  LoginService login();

  TokenVerifier tokenVerifier();

  static AuthComponent create() {
    return DaggerAuthComponent.create();
  }
}
