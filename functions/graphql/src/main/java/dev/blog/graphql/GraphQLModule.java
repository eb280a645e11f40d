package dev.blog.graphql;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostService;
import dev.blog.core.user.UserService;
import javax.inject.Singleton;

@Module
public final class GraphQLModule {
  private GraphQLModule() {}

  @Provides
  @Singleton
  static GraphQLApi api(UserService users, PostService posts, Json json) {
    // SnapStart priming is the handler's: a whole query of an admin through it (GraphQLHandler).
    return new GraphQLApi(users, posts, json);
  }
}
