package dev.blog.core.user;

/** What login checks: the user and their Argon2id hash. Lives only inside the login call. */
public record Credentials(User user, String passwordHash) {
  @Override
  public String toString() {
    return "Credentials[user=" + user.id() + ", passwordHash=<redacted>]";
  }
}
