package dev.blog.local.faults;

import java.util.Map;
import java.util.Optional;

/**
 * Who may use the wire at all, decided before any fault: the local stack's IAM check (dev.blog.local.iam), which
 * answers a refused request in the server's place with the service's own error. The function modules' tests use
 * {@link #OPEN}: they test stores, not a function's policy.
 */
@FunctionalInterface
public interface Gate {
  /** Lets every request through. */
  Gate OPEN = (authorization, operation, body) -> Optional.empty();

  /**
   * The answer that refuses this request, or empty to let it through.
   *
   * @param authorization the request's {@code Authorization} header (SigV4), null when it has none
   * @param operation the API operation ({@code PutItem}, {@code SendMessage})
   */
  Optional<Refusal> refuse(String authorization, String operation, byte[] body);

  /** The service's error answer: status, headers, body. */
  record Refusal(int status, Map<String, String> headers, byte[] body) {}
}
