package dev.blog.users;

import dagger.Component;
import dev.blog.core.json.Json;
import dev.blog.core.inject.AwsClientsModule;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.SettingsModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.user.UserService;
import dev.blog.core.snapstart.Priming;
import javax.inject.Singleton;

/** The object graph of the users functions. */
@Singleton
@Component(modules = {CoreModule.class, SettingsModule.class, AwsClientsModule.class, StoreModule.class})
public interface UsersComponent {
  /** The instance\'s SnapStart warm-ups; each handler registers its own in its Lambda constructor. */
  Priming priming();

  /** The function's own session check, for a request the authorizer could not check (ApiHandler). */
  dev.blog.core.security.SessionCheck sessions();

  Json json();

  UserService users();

  static UsersComponent create() {
    return DaggerUsersComponent.create();
  }
}
