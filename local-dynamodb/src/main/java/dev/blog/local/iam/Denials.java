package dev.blog.local.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.faults.Gate;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How each service refuses a request IAM does not allow, or one it cannot authenticate, in its own protocol: the
 * status, the error type the SDK turns into its exception, and AWS's message naming the principal, the action and
 * the resource. DynamoDB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html;
 * SQS (JSON protocol with its query error code): https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html;
 * Secrets Manager: https://docs.aws.amazon.com/secretsmanager/latest/apireference/CommonErrors.html
 */
enum Denials {
  DYNAMODB("dynamodb", 400, "application/x-amz-json-1.0", "com.amazonaws.dynamodb.v20120810#"),
  SQS("sqs", 403, "application/x-amz-json-1.0", "com.amazon.coral.service#"),
  SECRETS_MANAGER("secretsmanager", 400, "application/x-amz-json-1.1", "");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The service's name in a SigV4 credential scope and in its actions. */
  final String signingName;
  private final int status;
  private final String contentType;
  private final String typePrefix;

  Denials(String signingName, int status, String contentType, String typePrefix) {
    this.signingName = signingName;
    this.status = status;
    this.contentType = contentType;
    this.typePrefix = typePrefix;
  }

  /** {@code User: <principal> is not authorized to perform: <action> on resource: <arn> because ...}. */
  Gate.Refusal accessDenied(String principalArn, Call call, boolean explicit) {
    // SQS writes its actions in lower case in this message; the others as the policy does.
    String action = this == SQS ? call.action().toLowerCase(java.util.Locale.ROOT) : call.action();
    String message = "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + call.resource()
        + (explicit ? " with an explicit deny in an identity-based policy"
            : " because no identity-based policy allows the " + action + " action");
    return refusal("AccessDeniedException", status, message);
  }

  /** A request without a SigV4 Authorization header. */
  Gate.Refusal missingToken() {
    return refusal(this == SQS ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException", this == SQS ? 403 : 400,
        "Request is missing Authentication Token");
  }

  /** An access key no function of the template has. */
  Gate.Refusal unrecognized() {
    return refusal(this == SQS ? "InvalidClientTokenId" : "UnrecognizedClientException", this == SQS ? 403 : 400,
        "The security token included in the request is invalid.");
  }

  /** A credential scoped to another region or service. */
  Gate.Refusal badScope(String message) {
    return refusal(this == SQS ? "SignatureDoesNotMatch" : "InvalidSignatureException", this == SQS ? 403 : 400, message);
  }

  private Gate.Refusal refusal(String code, int httpStatus, String message) {
    ObjectNode body = JSON.createObjectNode().put("__type", typePrefix + code);
    body.put(this == SQS ? "message" : "Message", message);
    // SQS also names the error as its query protocol did (AccessDenied), which the SDK reports as the error code.
    Map<String, String> headers = this == SQS
        ? Map.of("Content-Type", contentType, "x-amzn-query-error", code.replaceAll("Exception$", "") + ";Sender")
        : Map.of("Content-Type", contentType, "x-amzn-ErrorType", code);
    return new Gate.Refusal(httpStatus, headers, body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
