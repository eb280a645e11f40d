package dev.blog.local.template;

/**
 * The emulated AWS account every local resource lives in, and the ARNs of its resources. The values are the
 * conventional ones of local AWS emulators.
 */
public final class LocalAccount {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "000000000000";

  private LocalAccount() {}

  /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
  public static String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
  }

  public static String queueArn(String queueName) {
    return arn("sqs", queueName);
  }

  public static String secretArn(String secretName) {
    return arn("secretsmanager", "secret:" + secretName);
  }

  public static String functionArn(String functionName) {
    return arn("lambda", "function:" + functionName);
  }

  public static String tableArn(String tableName) {
    return arn("dynamodb", "table/" + tableName);
  }
}
