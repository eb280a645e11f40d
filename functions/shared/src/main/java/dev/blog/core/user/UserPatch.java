package dev.blog.core.user;

import dev.blog.core.security.Role;

/**
 * A partial update: a null field is left as it is. {@code removeAge} asks to clear the age (the client
 * sent {@code "age": null}), which a null {@code age} alone cannot say. {@code currentPassword} is what a user
 * changing their own email must send.
 */
public record UserPatch(String name, String email, Integer age, boolean removeAge, Role role, String currentPassword) {
  public UserPatch(String name, String email, Integer age, boolean removeAge, Role role) {
    this(name, email, age, removeAge, role, null);
  }

  @Override
  public String toString() {
    return "UserPatch[name=" + name + ", email=" + email + ", age=" + age + ", removeAge=" + removeAge + ", role="
        + role + ", currentPassword=" + (currentPassword == null ? "null" : "<redacted>") + "]";
  }
}
