package dev.blog.core.post;

import dev.blog.core.validation.Validator;

/** The contract's validation rules for post fields, in one place for REST and GraphQL. */
public final class PostRules {
  public static final int TITLE_MAX = 200;
  public static final int CONTENT_MAX = 50_000;

  private PostRules() {}

  public static void title(Validator v, String title) {
    v.text("title", title, 1, TITLE_MAX);
    // "   " passes a length check but is no title anyone can see.
    v.check(title == null || title.isEmpty() || !title.isBlank(), "title", "must not be blank");
  }

  public static void content(Validator v, String content) {
    v.text("content", content, 0, CONTENT_MAX);
  }
}
