package dev.blog.local.gateway;

/** A route of the local stack itself (never deployed), such as {@code GET /_local/emails}: it answers JSON. */
@FunctionalInterface
public interface LocalRoute {
  /** The JSON answer for {@code path}; an IllegalArgumentException is a 404 with its message. */
  String respond(String path) throws Exception;
}
