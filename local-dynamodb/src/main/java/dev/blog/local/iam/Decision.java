package dev.blog.local.iam;

import dev.blog.local.template.PolicyStatement;
import java.util.Optional;

/**
 * What IAM decides for one {@link Call}, with why, in the words the stack's log uses, and the statement that
 * decided it (the Allow or the Deny), if one did.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
public record Decision(Outcome outcome, String reason, Optional<PolicyStatement> statement) {
  public enum Outcome { ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED }

  /** A decision no single statement made (nothing allows the call). */
  public Decision(Outcome outcome, String reason) {
    this(outcome, reason, Optional.empty());
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }
}
