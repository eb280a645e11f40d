package dev.blog.core.testing;

import dagger.Component;
import dev.blog.core.http.Json;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.user.UserRepository;
import dev.blog.core.user.UserService;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The production store graph on a local DynamoDB: what the users functions get, minus the environment. */
@Singleton
@Component(modules = {CoreModule.class, LocalModule.class, StoreModule.class})
public interface TestCoreComponent {
  Json json();

  UserService users();

  UserRepository repository();

  DynamoDbClient dynamo();

  static TestCoreComponent on(TestStore.Table table) {
    return DaggerTestCoreComponent.builder().localModule(table.module()).build();
  }
}
