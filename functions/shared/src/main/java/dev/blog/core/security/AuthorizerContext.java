package dev.blog.core.security;

/**
 * The names of what the Lambda authorizer hands to the functions (the {@code context} of its simple response,
 * {@code requestContext.authorizer.lambda} in their events): written by the authorizer, read by the HTTP edge.
 */
public final class AuthorizerContext {
  /** The token's subject. */
  public static final String USER_ID = "userId";
  /** The caller's role as the store held it when the token was checked. */
  public static final String ROLE = "role";
  /**
   * The token's {@code exp} in epoch seconds. API Gateway caches an answer for ReauthorizeEvery whatever the
   * token's lifetime, so the functions refuse a caller whose token has expired since
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.caching).
   */
  public static final String EXPIRES_AT = "exp";
  /** The session epoch the token was issued in (its {@code sessionEpoch} claim), which the store still had. */
  public static final String SESSION_EPOCH = "sessionEpoch";
  /**
   * {@value #CHECKED} when the authorizer read the session and found it live; anything else (absent included)
   * means it could not read it (the store was throttled, failing or hanging), and the function must check the
   * session itself before it does anything ({@link SessionCheck}). Never guessed: an unread session is never
   * marked as checked.
   */
  public static final String SESSION_CHECKED = "sessionChecked";
  public static final String CHECKED = "true";
  public static final String UNCHECKED = "false";

  private AuthorizerContext() {}
}
