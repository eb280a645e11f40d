package dev.blog.core.user.internal;

import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import dev.blog.core.user.User;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The item that makes an email address unique (docs/data-design.md: uniqueness by reservation): key
 * {@link TableLayout#emailReservation}, holding the id of the user who has the address.
 */
record EmailReservation(String email, String userId) {
  static final String USER_ID = "userId";
  static final StaticImmutableTableSchema<EmailReservation, Builder> SCHEMA = ItemSchema.of(EmailReservation.class,
          Builder.class, Builder::new, Builder::build, r -> TableLayout.emailReservation(r.email()))
      .attribute(String.class, "email", EmailReservation::email, (b, v) -> b.email = v)
      .attribute(String.class, USER_ID, EmailReservation::userId, (b, v) -> b.userId = v)
      .build();

  static EmailReservation of(User user) {
    return new EmailReservation(user.email(), user.id());
  }

  /** What the Enhanced Client fills when it reads a reservation. */
  static final class Builder {
    private String email;
    private String userId;

    EmailReservation build() {
      return new EmailReservation(email, userId);
    }
  }
}
