package dev.blog.core.config;

import java.util.Map;

/**
 * The function's configuration, read from its environment (template.yaml is where values are set).
 * A setting is read when first needed, so a function only fails for settings it actually uses.
 */
public final class Settings {
  private final Map<String, String> env;

  public Settings(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  public String region() {
    return env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
  }

  public String tableName() {
    return required("TABLE_NAME");
  }

  public String jwtIssuer() {
    return required("JWT_ISSUER");
  }

  public String jwtAudience() {
    return required("JWT_AUDIENCE");
  }

  public String jwtPublicJwks() {
    return required("JWT_PUBLIC_JWKS");
  }

  public String signingKeySecretId() {
    return required("SIGNING_KEY_SECRET_ARN");
  }

  public String cursorKeySecretId() {
    return required("CURSOR_KEY_SECRET_ARN");
  }

  /** The email queue (an SQS queue URL). */
  public String emailQueueUrl() {
    return required("EMAIL_QUEUE_URL");
  }

  /** Where the email worker puts messages it can never process (an SQS queue URL). */
  public String emailDeadLetterQueueUrl() {
    return required("EMAIL_DLQ_URL");
  }

  /** {@code ses} in AWS, {@code smtp} on the local stack: which EmailSender the jobs component wires. */
  public String emailTransport() {
    return env.getOrDefault("EMAIL_TRANSPORT", "ses");
  }

  /** The sender address: in AWS, the SES identity the worker may send from (and nothing else). */
  public String mailFrom() {
    return required("MAIL_FROM");
  }

  public String smtpHost() {
    return required("SMTP_HOST");
  }

  public int smtpPort() {
    return Integer.parseInt(env.getOrDefault("SMTP_PORT", "25"));
  }

  /** The outbox table (a table name): emails written in the same transactions as the changes that cause them. */
  public String outboxTableName() {
    return required("OUTBOX_TABLE_NAME");
  }

  /** First retry delay of a failed email; each later one is 8 times longer (SQS visibility timeout as back-off). */
  public int retryBaseDelaySeconds() {
    return Integer.parseInt(env.getOrDefault("RETRY_BASE_DELAY_SECONDS", "10"));
  }

  /** The longest retry delay of a failed email. */
  public int retryMaxDelaySeconds() {
    return Integer.parseInt(env.getOrDefault("RETRY_MAX_DELAY_SECONDS", "3600"));
  }

  /** How many emails one worker invocation sends per second at most (times its concurrency: under the SES quota). */
  public int sendRatePerSecond() {
    return Integer.parseInt(env.getOrDefault("SEND_RATE_PER_SECOND", "5"));
  }

  /**
   * The function's timeout (template.yaml gives each function its own Timeout as FUNCTION_TIMEOUT_SECONDS too, and
   * a test keeps the two equal): every outbound call's time budget derives from it. Outside Lambda (a tool such as
   * BootstrapAdmin) it is the template's default, 10 seconds.
   */
  public java.time.Duration functionTimeout() {
    return java.time.Duration.ofSeconds(Integer.parseInt(env.getOrDefault("FUNCTION_TIMEOUT_SECONDS", "10")));
  }

  /** Lambda SnapStart hands out credentials through the container endpoint, not environment variables. */
  public boolean hasContainerCredentials() {
    return env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  }

  private String required(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("Environment variable " + name + " is not set");
    }
    return value;
  }
}
