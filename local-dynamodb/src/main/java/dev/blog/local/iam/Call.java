package dev.blog.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One authorisation IAM makes for a request: the action ({@code dynamodb:PutItem}), the resource ARN, and the
 * request's condition keys with their values (lower-cased names: IAM's keys ignore case). A request may be several
 * calls: each item of a transaction is authorised on its own table with its own action.
 */
public record Call(String action, String resource, Map<String, List<String>> context) {
  public Call {
    Map<String, List<String>> keys = new TreeMap<>();
    context.forEach((key, values) -> keys.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
    context = Map.copyOf(keys);
  }

  public Call(String action, String resource) {
    this(action, resource, Map.of());
  }

  /** The values of a condition key in this request; null when the request has no such key. */
  List<String> values(String key) {
    return context.get(key.toLowerCase(Locale.ROOT));
  }
}
