package dev.blog.local.gateway;

/** A route of the local stack itself (never deployed), such as {@code GET /_local/emails}: it answers JSON. */
@FunctionalInterface
public interface LocalRoute {
  /**
   * The JSON answer for {@code path}, the request's parameters ({@code query}, decoded; empty without any) and
   * its {@code body} (empty without one); an IllegalArgumentException is a 404 with its message, an
   * {@link Invalid} a 400.
   */
  String respond(String path, java.util.Map<String, String> query, byte[] body) throws Exception;

  /** The request's body or parameters are wrong: a 400 that says what is wrong. */
  final class Invalid extends RuntimeException {
    public Invalid(String message) {
      super(message);
    }
  }
}
