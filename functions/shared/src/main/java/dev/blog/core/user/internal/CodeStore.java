package dev.blog.core.user.internal;

import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import dev.blog.core.user.OneTimeCode;
import dev.blog.core.user.OneTimeCode.Purpose;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The code store: single-use codes by user and purpose (key {@link TableLayout#oneTimeCode}), holding only the
 * code's hash, the address it was sent to and when it expires (epoch seconds, also the table's TTL attribute,
 * which removes it within days; the redeeming condition does not wait for that). Its writes are steps of the
 * transaction of the change they belong to: a new code with the registration or the change of email that sends
 * it, the redeeming delete with the verification or the new password.
 */
final class CodeStore {
  static final String HASH = "codeHash";
  static final String EMAIL = "email";
  static final String EXPIRES_AT = "expiresAt";

  /** The stored form of a code. */
  record CodeItem(String userId, String purpose, String codeHash, String email, long expiresAt) {
    static final StaticImmutableTableSchema<CodeItem, Builder> SCHEMA = ItemSchema.of(CodeItem.class, Builder.class,
            Builder::new, Builder::build, c -> TableLayout.oneTimeCode(c.userId(), c.purpose()))
        .attribute(String.class, "userId", CodeItem::userId, (b, v) -> b.userId = v)
        .attribute(String.class, "purpose", CodeItem::purpose, (b, v) -> b.purpose = v)
        .attribute(String.class, HASH, CodeItem::codeHash, (b, v) -> b.codeHash = v)
        .attribute(String.class, EMAIL, CodeItem::email, (b, v) -> b.email = v)
        .attribute(Long.class, EXPIRES_AT, CodeItem::expiresAt, (b, v) -> b.expiresAt = v)
        .build();

    /** What the Enhanced Client fills when it reads a code. */
    static final class Builder {
      private String userId;
      private String purpose;
      private String codeHash;
      private String email;
      private long expiresAt;

      CodeItem build() {
        return new CodeItem(userId, purpose, codeHash, email, expiresAt);
      }
    }
  }

  private CodeStore() {}

  /** Stores {@code code}'s hash, replacing any earlier code of the same user and purpose (that one stops working). */
  static Write put(OneTimeCode code) {
    return Write.put(CodeItem.SCHEMA, new CodeItem(code.userId(), code.purpose().name(), code.hash(), code.email(),
        code.expiresAt().getEpochSecond()));
  }

  /**
   * Redeems a code: deletes it only if it is the stored one (its hash), was sent to {@code email}, and has not
   * expired at {@code now}. A wrong, used (deleted) or expired code fails the condition alike: one answer for all.
   */
  static Write redeem(Purpose purpose, String userId, String email, String code, Instant now) {
    return Write.delete(TableLayout.oneTimeCode(userId, purpose.name()))
        .when("#" + HASH + " = :hash AND #" + EMAIL + " = :sentTo AND #" + EXPIRES_AT + " > :now",
            Values.of().s(":hash", OneTimeCode.hash(code)).s(":sentTo", email).n(":now", now.getEpochSecond()));
  }
}
