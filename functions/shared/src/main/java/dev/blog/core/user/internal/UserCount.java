package dev.blog.core.user.internal;

import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The number of users (docs/data-design.md: {@code total} from a counter), key {@link TableLayout#userCounter}.
 * It is never put: every user create and delete transaction ADDs to it, creating it with the first user.
 */
record UserCount(long count) {
  static final String COUNT = "count";
  static final StaticImmutableTableSchema<UserCount, Builder> SCHEMA = ItemSchema.of(UserCount.class, Builder.class,
          Builder::new, Builder::build, c -> TableLayout.userCounter())
      .attribute(Long.class, COUNT, UserCount::count, (b, v) -> b.count = v)
      .build();

  /** What the Enhanced Client fills when it reads the counter. */
  static final class Builder {
    private long count;

    UserCount build() {
      return new UserCount(count);
    }
  }
}
