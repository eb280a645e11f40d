package dev.blog.core.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * What DynamoDB would answer a priming request, made up from the request: a read finds one item, a write
 * succeeds. The item has every attribute of a user, a post, an audit entry, an email reservation, the user
 * counter and login attempts (docs/data-design.md), so whichever static table schema reads it maps it, and
 * the service goes on as with a real item: the success path of every route runs, including the SDK's
 * unmarshalling and the handler's response mapping. Keep it in step with the stored items; each function's
 * priming test fails when a route no longer reaches its success status.
 */
final class DynamoDbAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AT = "2026-01-01T00:00:00.000Z";
  /** The most items a query is answered with (a delete cascade asks for 49 at a time). */
  private static final int MAX_LISTED = 100;
  /**
   * Argon2id (the PasswordHasher's parameters) of {@link PrimingData#PASSWORD}: verifying it costs what a login
   * costs; a priming login's {@link PrimingData#WRONG_PASSWORD} fails it, a priming password change passes it.
   */
  private static final String PASSWORD_HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$p1xd6TJSzQlBikFSDR/+VQ$POh4UrHHcdyYOXiisV3EDcAG9dVk608d/acmvYBB8aM";

  private DynamoDbAnswers() {}

  /**
   * The JSON body of DynamoDB's answer to {@code operation} (GetItem, Query, ...) with this request body, in
   * {@code run}: the first query of each index in a run finds a full page (as many items as asked for, so that
   * a listing has a next page and signs its cursor), later ones nothing, so every paging loop ends.
   */
  static byte[] answer(String operation, JsonNode request, PrimingRun run) {
    ObjectNode answer = JSON.createObjectNode();
    switch (operation) {
      case "GetItem" -> answer.set("Item", item(request.path("Key")));
      case "Query", "Scan" -> {
        String index = request.path("TableName").asText() + "/" + request.path("IndexName").asText("");
        int count = run.firstQueryOf(index) ? Math.min(request.path("Limit").asInt(1), MAX_LISTED) : 0;
        ArrayNode items = answer.putArray("Items");
        for (int i = 0; i < count; i++) {
          items.add(item(null, listedId(i)));
        }
        answer.put("Count", count).put("ScannedCount", count);
      }
      case "BatchGetItem" -> {
        ObjectNode responses = answer.putObject("Responses");
        request.path("RequestItems").properties().forEach(table -> {
          ArrayNode items = responses.putArray(table.getKey());
          table.getValue().path("Keys").forEach(key -> items.add(item(key)));
        });
        answer.putObject("UnprocessedKeys");
      }
      case "TransactGetItems" -> {
        ArrayNode responses = answer.putArray("Responses");
        request.path("TransactItems").forEach(get -> responses.addObject().set("Item", item(get.path("Get").path("Key"))));
      }
      case "UpdateItem", "PutItem", "DeleteItem" -> {
        String returned = request.path("ReturnValues").asText("NONE");
        if (!returned.equals("NONE")) {
          answer.set("Attributes", item(request.path("Key").isMissingNode() ? request.path("Item") : request.path("Key")));
        }
      }
      case "BatchWriteItem" -> answer.putObject("UnprocessedItems");
      default -> { } // TransactWriteItems and the rest: success is an empty object
    }
    try {
      return JSON.writeValueAsBytes(answer);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The id of the {@code i}th item a query finds: UUIDs in the nil-time range, newest first as listings are. */
  private static String listedId(int i) {
    return String.format(java.util.Locale.ROOT, "00000000-0000-7000-8001-%012x", MAX_LISTED - i);
  }

  /** One item with every stored attribute; its key and id follow the requested key, when there is one. */
  private static ObjectNode item(JsonNode key) {
    return item(key, PrimingData.LISTED_ID);
  }

  private static ObjectNode item(JsonNode key, String listedId) {
    String pk = key == null ? "PRIMING#" + listedId : key.path("pk").path("S").asText("PRIMING");
    String sk = key == null ? "PRIMING" : key.path("sk").path("S").asText("PRIMING");
    String suffix = pk.substring(pk.indexOf('#') + 1);
    ObjectNode item = JSON.createObjectNode();
    s(item, "pk", pk);
    s(item, "sk", sk);
    s(item, "id", isUuid(suffix) ? suffix : listedId);
    // a user; its email reservation and the counter
    s(item, "email", PrimingData.EMAIL);
    s(item, "name", "Priming");
    // the caller is the admin that the priming requests' authorizer context says it is (the stored role counts)
    s(item, "role", suffix.equals(PrimingData.CALLER_ID) ? "admin" : "user");
    s(item, "passwordHash", PASSWORD_HASH);
    n(item, "sessionEpoch", 0); // the epoch of the priming requests' tokens
    item.putObject("emailVerified").put("BOOL", true);
    s(item, "userId", PrimingData.USER_ID);
    n(item, "count", 1);
    n(item, "postCount", 0);
    n(item, "publishedPosts", 0);
    item.putObject("latestPostIds").putArray("L");
    // a post
    s(item, "authorId", PrimingData.CALLER_ID);
    s(item, "title", "Priming");
    s(item, "content", "Priming the request path.");
    item.putObject("published").put("BOOL", true);
    // an audit entry
    s(item, "actorId", PrimingData.CALLER_ID);
    s(item, "action", "user.created");
    s(item, "targetType", "user");
    s(item, "targetId", PrimingData.USER_ID);
    s(item, "at", AT);
    // login attempts: one failure, not locked
    n(item, "failures", 1);
    s(item, "createdAt", AT);
    s(item, "updatedAt", AT);
    n(item, "version", 1);
    return item;
  }

  private static boolean isUuid(String value) {
    try {
      return value.length() == 36 && UUID.fromString(value).toString().equals(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void s(ObjectNode item, String name, String value) {
    item.putObject(name).put("S", value);
  }

  private static void n(ObjectNode item, String name, long value) {
    item.putObject(name).put("N", Long.toString(value));
  }
}
