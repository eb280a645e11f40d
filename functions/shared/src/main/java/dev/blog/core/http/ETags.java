package dev.blog.core.http;

import dev.blog.core.error.DomainException.PreconditionFailed;
import java.util.OptionalLong;

/**
 * Entity tags are the resource version in quotes. If-Match follows RFC 9110 §13.1.1: a list of tags or
 * {@code *}; weak tags never match (strong comparison).
 */
public final class ETags {
  private ETags() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The version an If-Match header demands, or empty when it demands none (absent or {@code *}).
   * A header that names no version this API could have issued can never match: 412, as RFC 9110 says.
   */
  public static OptionalLong expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return OptionalLong.empty();
    }
    String tag = ifMatch.trim();
    if (tag.contains(",")) {
      throw new PreconditionFailed("If-Match must name exactly one version of this resource");
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      long version = Long.parseLong(tag);
      if (version < 1) {
        throw new NumberFormatException();
      }
      return OptionalLong.of(version);
    } catch (NumberFormatException e) {
      throw new PreconditionFailed("If-Match does not match the current version of this resource");
    }
  }
}
