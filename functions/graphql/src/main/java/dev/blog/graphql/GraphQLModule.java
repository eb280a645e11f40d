package dev.blog.graphql;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.json.Json;
import dev.blog.core.post.PostService;
import dev.blog.core.snapstart.Priming;
import dev.blog.core.user.UserService;
import javax.inject.Singleton;

@Module
public final class GraphQLModule {
  private GraphQLModule() {}

  @Provides
  @Singleton
  static GraphQLApi api(UserService users, PostService posts, Json json, Priming priming) {
    GraphQLApi api = new GraphQLApi(users, posts, json);
    priming.register("GraphQLApi", api::prime);
    return api;
  }
}
