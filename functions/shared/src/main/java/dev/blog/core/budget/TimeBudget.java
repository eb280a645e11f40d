package dev.blog.core.budget;

import java.time.Duration;

/**
 * How long every outbound call of a function may take, derived from the function's own timeout (set once,
 * for every client: DynamoDB, SQS, SES, Secrets Manager, SMTP), so that a throttled, failing or hanging
 * dependency ends in the function's own answer (a 503 with Retry-After, a message sent back to its queue)
 * well before Lambda ends the invocation. A call is tried at most {@link #maxAttempts} times, each attempt
 * within {@link #attemptTimeout}, all of them within {@link #callTimeout}; connecting within
 * {@link #connectTimeout}. No call starts when less than {@link #callTimeout} plus {@link #answerReserve} is left
 * of the invocation ({@link Deadline}), so a request of several slow calls still answers in time.
 * See https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/best-practices.html#bestpractice5
 */
public record TimeBudget(Duration functionTimeout, Duration callTimeout, Duration attemptTimeout, Duration connectTimeout,
    int maxAttempts, Duration answerReserve) {

  /** A call gets at most this share of the function's timeout: the answer and a second call fit beside it. */
  static final double CALL_SHARE = 0.4;
  /**
   * Beyond this a dependency is down, not slow, whatever the function's timeout: DynamoDB, SQS, SES and Secrets
   * Manager answer in milliseconds; five seconds is three attempts and their back-off with room to spare.
   */
  static final Duration MAX_CALL = Duration.ofSeconds(5);
  static final Duration MIN_CALL = Duration.ofSeconds(1);
  /** A TCP connection to an AWS endpoint in the function's region opens in milliseconds. */
  static final Duration MAX_CONNECT = Duration.ofSeconds(1);
  /** The first attempt, a retry after a short back-off, and a third if time is left. */
  static final int ATTEMPTS = 3;

  /** The budget of a function with {@code timeout}. */
  public static TimeBudget forFunctionTimeout(Duration timeout) {
    Duration call = clamp(Duration.ofMillis((long) (timeout.toMillis() * CALL_SHARE)), MIN_CALL, MAX_CALL);
    Duration attempt = call.dividedBy(2);
    Duration connect = attempt.compareTo(MAX_CONNECT) < 0 ? attempt : MAX_CONNECT;
    // What the function needs after its last call: mapping the error, writing the answer, the log line.
    Duration reserve = Duration.ofMillis(Math.min(1000, timeout.toMillis() / 10));
    return new TimeBudget(timeout, call, attempt, connect, ATTEMPTS, reserve);
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
