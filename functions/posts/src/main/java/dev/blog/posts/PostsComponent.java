package dev.blog.posts;

import dagger.Component;
import dev.blog.core.audit.AuditService;
import dev.blog.core.json.Json;
import dev.blog.core.inject.AwsClientsModule;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.SettingsModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.post.PostService;
import dev.blog.core.snapstart.Priming;
import javax.inject.Singleton;

/** The object graph of the posts and audit functions. */
@Singleton
@Component(modules = {CoreModule.class, SettingsModule.class, AwsClientsModule.class, StoreModule.class})
public interface PostsComponent {
  /** The instance\'s SnapStart warm-ups; each handler registers its own in its Lambda constructor. */
  Priming priming();

  /** The function's own session check, for a request the authorizer could not check (ApiHandler). */
  dev.blog.core.security.SessionCheck sessions();

  Json json();

  PostService posts();

  AuditService audit();

  static PostsComponent create() {
    return DaggerPostsComponent.create();
  }
}
