package dev.blog.core.store;

/**
 * A store failure that is nobody's input: a bug or a misconfiguration. It reaches the central mapper,
 * which logs it and answers a generic 500, so its message may hold DynamoDB's own words.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
