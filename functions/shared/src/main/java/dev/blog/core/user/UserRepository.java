package dev.blog.core.user;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.security.Role;
import dev.blog.core.store.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users in the store. Every write is one transaction that also keeps the email reservation, the user
 * counter and the audit log in step. Failures come out as {@link dev.blog.core.error.DomainException}s
 * (conflict: the email is taken; precondition failed: a stale version; unavailable: throttled) or an
 * unexpected, logged failure.
 */
public interface UserRepository {
  Optional<User> find(String id);

  /** The users with these ids that exist, by id, strongly consistent, in one round trip (BatchGetItem). */
  Map<String, User> findAll(Collection<String> ids);

  /** A user with their password hash, by id (a change of one's own email checks the current password). */
  Optional<Credentials> credentials(String id);

  Optional<Credentials> findCredentials(String email);

  /**
   * Stores a new user; a conflict when another user holds the email (compared lower-cased). {@code mail}, when
   * present, is written in the same transaction: the code's hash, and its email in the transactional outbox.
   */
  void create(User user, String passwordHash, AuditEntry audit, Optional<CodeMail> mail);

  /** The users with one role (a sparse index: as many reads as such users, not as all users). */
  List<User> withRole(Role role);

  /**
   * Replaces {@code before} by {@code after}, only if the stored version is still {@code before.version()};
   * {@code mail} (the verification of a new address) in the same transaction.
   */
  void update(User before, User after, List<AuditEntry> audit, Optional<CodeMail> mail);

  /**
   * Marks the user as being deleted, only if the stored version is still {@code user.version()}: from then on
   * no post can be written for them (the post transactions check the mark), so a cascade can finish.
   * The version is left as it is, so a retried delete with the same If-Match goes on where it stopped.
   * {@code at} is when the delete began, kept on the item for operators.
   */
  void markDeleting(User user, Instant at);

  /**
   * Deletes the user, their email reservation and any code of theirs, only if the stored version is still
   * {@code user.version()}.
   */
  void delete(User user, AuditEntry audit);

  /** Users newest first, after the user {@code afterId} when given; {@code emailContains} is lower-case. */
  Page<User> list(int limit, Optional<String> afterId, Optional<String> emailContains);

  /** How many users exist, from a counter kept in every create/delete transaction. */
  long count();
}
