package dev.blog.local.demo;

import dagger.Component;
import dev.blog.core.inject.CoreModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.post.PostRepository;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.user.AccountRepository;
import dev.blog.core.user.UserRepository;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The functions' own repositories, so demo items are written exactly as the API writes them. */
@Singleton
@Component(modules = {CoreModule.class, StoreModule.class, DemoModule.class})
interface DemoComponent {
  UserRepository users();

  AccountRepository accounts();

  PostRepository posts();

  PasswordHasher passwords();

  DynamoDbClient dynamo();
}
