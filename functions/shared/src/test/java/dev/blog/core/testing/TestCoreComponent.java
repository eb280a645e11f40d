package dev.blog.core.testing;

import dagger.Component;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.audit.AuditService;
import dev.blog.core.json.Json;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.post.PostRepository;
import dev.blog.core.post.PostService;
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

  dev.blog.core.user.AccountService accounts();

  dev.blog.core.user.AccountRepository accountRepository();

  dev.blog.core.user.PasswordAttempts passwordAttempts();

  PostService posts();

  PostRepository postRepository();

  AuditService audit();

  AuditRepository auditLog();

  DynamoDbClient dynamo();

  dev.blog.core.store.Store store();

  dev.blog.core.config.Settings settings();

  /** The tables this graph writes: the application table and the outbox table. */
  default String[] tables() {
    return new String[] {store().table(), settings().outboxTableName()};
  }

  /** Deletes the table under the services, so every later request fails as an unexpected store error. */
  default void dropTable() {
    dynamo().deleteTable(d -> d.tableName(store().table()));
  }

  /** The requests {@link #dynamo()} sent. */
  RequestCounter requests();

  /** What reached moto server at the wire (a SnapStart priming run sends nothing). */
  WireCounter wire();

  dev.blog.core.security.PasswordHasher passwords();

  dev.blog.core.store.Cursors cursors();

  dev.blog.core.store.Ids ids();

  java.time.Clock clock();

  static TestCoreComponent on(TestStore.Table table) {
    return DaggerTestCoreComponent.builder().localModule(table.module()).build();
  }

  /** The graph whose DynamoDB client also runs {@code interceptors} (a test steps in between request and answer). */
  static TestCoreComponent on(TestStore.Table table,
      software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors) {
    return DaggerTestCoreComponent.builder().localModule(table.module(java.util.List.of(interceptors))).build();
  }
}
