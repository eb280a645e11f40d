package dev.blog.graphql;

import dagger.Component;
import dev.blog.core.json.Json;
import dev.blog.core.inject.AwsClientsModule;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.SettingsModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.snapstart.Priming;
import javax.inject.Singleton;

/** The object graph of the GraphQL function: the same services as REST, plus the schema built once. */
@Singleton
@Component(modules = {CoreModule.class, SettingsModule.class, AwsClientsModule.class, StoreModule.class,
    GraphQLModule.class})
public interface GraphQLComponent {
  /** The instance\'s SnapStart warm-ups; each handler registers its own in its Lambda constructor. */
  Priming priming();

  /** The function's own session check, for a request the authorizer could not check (ApiHandler). */
  dev.blog.core.security.SessionCheck sessions();

  Json json();

  GraphQLApi api();

  static GraphQLComponent create() {
    return DaggerGraphQLComponent.create();
  }
}
