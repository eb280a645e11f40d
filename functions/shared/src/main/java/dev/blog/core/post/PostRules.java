package dev.blog.core.post;

import dev.blog.core.validation.TextRules;
import dev.blog.core.validation.Validator;

/** The contract's validation rules for post fields, in one place for REST and GraphQL. */
public final class PostRules {
  public static final int TITLE_MAX = 200;
  public static final int CONTENT_MAX = 50_000;

  private PostRules() {}

  /** Titles and content are stored in NFC (null stays null: the rules below say it is missing). */
  public static String normalize(String text) {
    return TextRules.nfc(text);
  }

  /** Give it the normalized title. "   " passes a length check but is no title anyone can see: blank is refused. */
  public static void title(Validator v, String title) {
    v.label("title", title, 1, TITLE_MAX);
  }

  public static void content(Validator v, String content) {
    v.longText("content", content, CONTENT_MAX);
  }
}
