package dev.blog.core.user;

import dev.blog.core.security.Role;

/**
 * A partial update: a null field is left as it is. {@code removeAge} asks to clear the age (the client
 * sent {@code "age": null}), which a null {@code age} alone cannot say.
 */
public record UserPatch(String name, String email, Integer age, boolean removeAge, Role role) {}
