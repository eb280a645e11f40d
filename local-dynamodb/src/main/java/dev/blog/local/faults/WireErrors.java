package dev.blog.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answers the real services give when they throttle or fail, in the AWS JSON protocol the SDK speaks to
 * them: the status, the {@code __type} the SDK turns into its exception class, and the body.
 * DynamoDB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html and
 * TransactWriteItems' cancellation reasons
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors);
 * SQS: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html
 */
final class WireErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DYNAMODB_TYPE = "com.amazonaws.dynamodb.v20120810#";
  private static final String THROUGHPUT = "Throughput exceeds the current capacity of your table or index. DynamoDB is "
      + "automatically scaling your table or index so please try again shortly. If exceptions persist, check if you "
      + "have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";

  private WireErrors() {}

  /** One canned answer. */
  record Answer(int status, Map<String, String> headers, byte[] body) {}

  /**
   * DynamoDB's throttling answer: HTTP 400 ProvisionedThroughputExceededException, which the SDK retries with its
   * throttling back-off; a transaction is cancelled instead, with a ThrottlingError reason for its first item.
   */
  static Answer throttled(FaultProxy.Service service, String operation, byte[] request) {
    if (service != FaultProxy.Service.DYNAMODB) {
      throw new IllegalStateException(service + " has no throttling fault");
    }
    ObjectNode body = JSON.createObjectNode();
    if (operation.equals("TransactWriteItems") || operation.equals("TransactGetItems")) {
      int items = Math.max(1, read(request).path("TransactItems").size());
      body.put("__type", DYNAMODB_TYPE + "TransactionCanceledException");
      StringBuilder codes = new StringBuilder();
      ArrayNode reasons = body.putArray("CancellationReasons");
      for (int i = 0; i < items; i++) {
        ObjectNode reason = reasons.addObject().put("Code", i == 0 ? "ThrottlingError" : "None");
        if (i == 0) {
          reason.put("Message", THROUGHPUT);
        }
        codes.append(i == 0 ? "" : ", ").append(i == 0 ? "ThrottlingError" : "None");
      }
      body.put("Message", "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
    } else {
      body.put("__type", DYNAMODB_TYPE + "ProvisionedThroughputExceededException");
      body.put("message", THROUGHPUT);
      String write = java.util.Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem").contains(operation)
          ? "Write" : "Read";
      ObjectNode reason = body.putArray("ThrottlingReasons").addObject()
          .put("reason", "Table" + write + "KeyRangeThroughputExceeded");
      String table = read(request).path("TableName").asText("");
      if (!table.isEmpty()) {
        reason.put("resource", "arn:aws:dynamodb:us-east-1:000000000000:table/" + table);
      }
    }
    return new Answer(400, Map.of("Content-Type", "application/x-amz-json-1.0",
        "x-amzn-ErrorType", body.path("__type").asText().substring(DYNAMODB_TYPE.length())), bytes(body));
  }

  /** The service's own 500: the SDK retries it, and gives up with a 5xx service exception. */
  static Answer internalError(FaultProxy.Service service) {
    ObjectNode body = JSON.createObjectNode();
    return switch (service) {
      case DYNAMODB -> {
        body.put("__type", DYNAMODB_TYPE + "InternalServerError").put("message", "Internal server error");
        yield new Answer(500, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-ErrorType", "InternalServerError"),
            bytes(body));
      }
      case SQS -> {
        body.put("__type", "com.amazonaws.sqs#InternalError")
            .put("message", "We encountered an internal error. Please try again.");
        // SQS's JSON protocol also names the error the way its query protocol did, for compatible SDKs.
        yield new Answer(500, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-query-error", "InternalError;Receiver"),
            bytes(body));
      }
      case SECRETS_MANAGER -> {
        body.put("__type", "InternalServiceError").put("Message", "An error occurred on the server side.");
        yield new Answer(500, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", "InternalServiceError"),
            bytes(body));
      }
    };
  }

  private static JsonNode read(byte[] request) {
    try {
      JsonNode node = JSON.readTree(request);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static byte[] bytes(JsonNode body) {
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
