package dev.blog.local.iam;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * IAM's wildcard matching: {@code *} any run of characters (none too), {@code ?} any one character. Actions match
 * case-insensitively; resource ARNs case-sensitively, segment by segment ({@code table/X/index/*} covers every
 * index of X).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
final class Wildcards {
  private static final Map<String, Pattern> RESOURCE_PATTERNS = new ConcurrentHashMap<>();

  private Wildcards() {}

  /** Whether {@code value} matches {@code pattern}, case-sensitively. */
  static boolean matches(String pattern, String value) {
    return glob(pattern, 0, value, 0);
  }

  /** An action such as {@code dynamodb:Get*} against {@code dynamodb:GetItem}: IAM's actions ignore case. */
  static boolean actionMatches(String pattern, String action) {
    return matches(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
  }

  /**
   * A Resource element against a request's resource ARN: a wildcard stays within its colon-separated segment,
   * except a {@code *} that ends a segment, which may run on across colons ({@code arn:aws:dynamodb:*} is every
   * DynamoDB resource), as the IAM guide says.
   */
  static boolean resourceMatches(String pattern, String arn) {
    return pattern.equals("*") || RESOURCE_PATTERNS.computeIfAbsent(pattern, Wildcards::resourceRegex).matcher(arn).matches();
  }

  private static Pattern resourceRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      boolean endsSegment = i + 1 == pattern.length() || pattern.charAt(i + 1) == ':';
      switch (c) {
        case '*' -> regex.append(endsSegment ? ".*" : "[^:]*");
        case '?' -> regex.append("[^:]");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Iterative glob with backtracking to the last {@code *}: linear for the patterns policies hold. */
  private static boolean glob(String pattern, int p, String value, int v) {
    int star = -1;
    int resume = 0;
    while (v < value.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
        p++;
        v++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = v;
      } else if (star >= 0) {
        p = star + 1;
        v = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
