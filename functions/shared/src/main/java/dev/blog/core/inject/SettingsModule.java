package dev.blog.core.inject;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.config.Settings;
import javax.inject.Singleton;

/** Configuration from the function's environment, as template.yaml sets it. Tests bring their own. */
@Module
public final class SettingsModule {
  private SettingsModule() {}

  @Provides
  @Singleton
  static Settings settings() {
    return Settings.fromEnvironment();
  }
}
