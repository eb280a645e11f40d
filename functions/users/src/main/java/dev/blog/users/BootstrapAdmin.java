package dev.blog.users;

import dev.blog.core.error.DomainException;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.user.UserService;

/**
 * Creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD (and ADMIN_NAME, default "Administrator")
 * if no user has that email yet. The local stack runs it at start; in AWS it is the one documented
 * command of the README ("First admin"). The password is read from the environment, never printed.
 */
public final class BootstrapAdmin {
  private BootstrapAdmin() {}

  public static void main(String[] args) {
    String email = System.getenv("ADMIN_EMAIL");
    String password = System.getenv("ADMIN_PASSWORD");
    String name = System.getenv().getOrDefault("ADMIN_NAME", "Administrator");
    if (email == null || password == null) {
      System.err.println("Set ADMIN_EMAIL and ADMIN_PASSWORD");
      System.exit(2);
    }
    UserService users = UsersComponent.create().users();
    try {
      users.bootstrapAdmin(email, password, name).ifPresentOrElse(
          admin -> System.out.println("Created admin " + admin.email() + " (" + admin.id() + ")"),
          () -> System.out.println("A user with email " + email.trim().toLowerCase() + " already exists; nothing to do"));
    } catch (DomainException e) {
      // A command line is an edge too: the domain's answer, said in words (the detail is client-safe).
      String fields = e instanceof Invalid invalid
          ? invalid.errors().stream().map(f -> " [" + f.field() + " " + f.message() + "]").reduce("", String::concat)
          : "";
      System.err.println("Could not create the admin: " + e.detail() + fields);
      System.exit(1);
    }
  }
}
