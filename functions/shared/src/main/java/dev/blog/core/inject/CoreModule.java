package dev.blog.core.inject;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.json.Json;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.snapstart.Priming;
import dev.blog.core.store.Ids;
import java.time.Clock;
import javax.inject.Singleton;

/** Plain building blocks with no I/O. */
@Module
public final class CoreModule {
  private CoreModule() {}

  @Provides
  @Singleton
  static Json json() {
    return new Json();
  }

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  static Ids ids(Clock clock) {
    return new Ids(clock);
  }

  /** The instance's SnapStart warm-ups: each object that has one registers it where it is built. */
  @Provides
  @Singleton
  static Priming priming() {
    return new Priming();
  }

  @Provides
  @Singleton
  static PasswordHasher passwordHasher() {
    return new PasswordHasher();
  }
}
