package dev.blog.core.store;

/** Secret values by id (a Secrets Manager ARN in AWS). Values never go to a log. */
public interface SecretSource {
  String get(String secretId);
}
