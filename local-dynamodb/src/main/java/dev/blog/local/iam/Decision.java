package dev.blog.local.iam;

/**
 * What IAM decides for one {@link Call}, with why, in the words the stack's log uses.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
public record Decision(Outcome outcome, String reason) {
  public enum Outcome { ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }
}
