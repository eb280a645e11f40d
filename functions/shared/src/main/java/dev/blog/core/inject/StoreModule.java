package dev.blog.core.inject;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.audit.AuditService;
import dev.blog.core.audit.internal.DynamoAuditRepository;
import dev.blog.core.config.Settings;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostRepository;
import dev.blog.core.post.PostService;
import dev.blog.core.post.internal.DynamoPostRepository;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.store.Cursors;
import dev.blog.core.store.Ids;
import dev.blog.core.store.SecretSource;
import dev.blog.core.store.Store;
import dev.blog.core.security.StoredCallers;
import dev.blog.core.user.AccountRepository;
import dev.blog.core.user.AccountService;
import dev.blog.core.user.PasswordAttempts;
import dev.blog.core.user.Sessions;
import dev.blog.core.user.UserRepository;
import dev.blog.core.user.UserService;
import dev.blog.core.user.internal.DynamoAccountRepository;
import dev.blog.core.user.internal.DynamoUserRepository;
import dev.blog.core.user.internal.LoginAttempts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The data layer on top of whichever DynamoDB client the component was given: one Enhanced Client, one
 * {@link Store}, the repositories (each builds its tables and indexes once, here).
 */
@Module
public final class StoreModule {
  private StoreModule() {}

  /**
   * No extensions: versions are checked by our own conditions, and every extension runs on every call. Public
   * for test fixtures that build a {@link Store} without a component.
   */
  /** The session as the store holds it now: one strongly consistent read of the user's role and epoch. */
  @Provides
  @Singleton
  static dev.blog.core.security.SessionCheck sessionCheck(AccountRepository accounts) {
    return (userId, sessionEpoch) -> accounts.liveSession(userId, sessionEpoch)
        .map(dev.blog.core.user.StoredSession::role);
  }

  @Provides
  @Singleton
  public static DynamoDbEnhancedClient enhanced(DynamoDbClient dynamo) {
    return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).extensions().build();
  }

  @Provides
  @Singleton
  static Store store(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, Settings settings) {
    // The outbox table's name is read when a write or read first goes there: only functions that use it need it.
    return new Store(dynamo, enhanced, settings.tableName(), settings::outboxTableName);
  }

  /** The cursor key is fetched on the first page request only, never at init. */
  @Provides
  @Singleton
  static Cursors cursors(Json json, SecretSource secrets, Settings settings) {
    return new Cursors(json, () -> secrets.get(settings.cursorKeySecretId()).getBytes(StandardCharsets.UTF_8));
  }

  @Provides
  @Singleton
  static UserRepository users(Store store) {
    return new DynamoUserRepository(store);
  }

  @Provides
  @Singleton
  static UserService userService(UserRepository users, PasswordHasher passwords, PasswordAttempts attempts,
      Cursors cursors, Ids ids, Clock clock, PostService posts) {
    // Deleting a user deletes their posts first (docs/data-design.md: the cascade).
    return new UserService(users, passwords, attempts, cursors, ids, clock, posts::deleteAllBy);
  }

  /** Privileged actions rest on the stored caller (one strongly consistent read of their user item). */
  @Provides
  @Singleton
  static StoredCallers storedCallers(UserRepository users) {
    return new Sessions(users);
  }

  @Provides
  @Singleton
  static PasswordAttempts passwordAttempts(Store store) {
    return new LoginAttempts(store);
  }

  @Provides
  @Singleton
  static AccountRepository accounts(Store store) {
    return new DynamoAccountRepository(store);
  }

  @Provides
  @Singleton
  static AccountService accountService(AccountRepository accounts, UserRepository users, PasswordHasher passwords,
      PasswordAttempts attempts, Ids ids, Clock clock) {
    return new AccountService(accounts, users, passwords, attempts, ids, clock);
  }

  @Provides
  @Singleton
  static PostRepository posts(Store store) {
    return new DynamoPostRepository(store);
  }

  @Provides
  @Singleton
  static PostService postService(PostRepository posts, Cursors cursors, Ids ids, Clock clock, StoredCallers callers) {
    return new PostService(posts, cursors, ids, clock, callers);
  }

  @Provides
  @Singleton
  static AuditRepository auditLog(Store store) {
    return new DynamoAuditRepository(store);
  }

  @Provides
  @Singleton
  static AuditService auditService(AuditRepository audit, Cursors cursors, StoredCallers callers) {
    return new AuditService(audit, cursors, callers);
  }
}
