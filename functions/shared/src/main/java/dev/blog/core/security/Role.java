package dev.blog.core.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** The roles of the contract. Nobody picks their own at sign-up: registration always makes a USER. */
public enum Role {
  @JsonProperty("user") USER("user"),
  @JsonProperty("moderator") MODERATOR("moderator"),
  @JsonProperty("admin") ADMIN("admin");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  /** The name on the wire: in JSON, in tokens, in the authorizer context and in the table. */
  public String wire() {
    return wire;
  }

  public static Optional<Role> fromWire(String value) {
    for (Role role : values()) {
      if (role.wire.equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wire;
  }
}
