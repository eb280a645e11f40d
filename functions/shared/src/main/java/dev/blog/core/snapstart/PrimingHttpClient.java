package dev.blog.core.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * A client's HTTP client with one priming-only decision at the socket: a request made in a priming run
 * ({@link Priming#runAll}, on the warm-up's own thread) is never sent to the service. If it is signed with
 * {@link PrimingCredentials}' fake key and is a DynamoDB request or a Secrets Manager GetSecretValue, the real
 * HTTP client sends it to a server of this JVM on the loopback address instead ({@link LoopbackAnswer}), which
 * answers as the service would ({@link DynamoDbAnswers}; a secret's value is made up, {@link PrimingData#SECRET},
 * and SecretsManagerSource does not keep what it gets in a priming run): the HTTP client's whole request and
 * response path runs over a real socket, then the SDK's unmarshalling and the handler's response mapping, and
 * nothing leaves the process. Any other request in a priming run is refused. Outside a priming run
 * every request goes to the real client, whatever it carries: whether a request is a priming one is decided
 * by the thread's scope, never by anything a request could contain.
 */
public final class PrimingHttpClient implements SdkHttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
  private static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

  /** The header that marks a priming request sent to the loopback server, for tests that count at the wire. */
  public static final String LOOPBACK_HEADER = LoopbackAnswer.HEADER;

  private final SdkHttpClient real;

  private PrimingHttpClient(SdkHttpClient real) {
    this.real = real;
  }

  public static SdkHttpClient around(SdkHttpClient real) {
    return new PrimingHttpClient(real);
  }

  /** What a refused priming request ends with; the SDK does not retry it. */
  public static final class NotSent extends IllegalStateException {
    NotSent(String why) {
      super(why, null);
    }
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    var run = Priming.currentRun();
    if (run.isEmpty()) {
      return real.prepareRequest(request);
    }
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return answer(request, run.get());
      }

      @Override
      public void abort() {
        // nothing is in flight
      }
    };
  }

  private HttpExecuteResponse answer(HttpExecuteRequest request, PrimingRun run) {
    SdkHttpRequest http = request.httpRequest();
    String target = http.firstMatchingHeader("X-Amz-Target").orElse(http.method() + " " + http.host());
    String operation = target.startsWith(DYNAMODB_TARGET) ? "DynamoDB." + target.substring(DYNAMODB_TARGET.length()) : target;
    boolean primingSigned = http.firstMatchingHeader("Authorization")
        .map(a -> a.contains("Credential=" + PrimingCredentials.ACCESS_KEY_ID + "/")).orElse(false);
    boolean answerable = target.startsWith(DYNAMODB_TARGET) || target.equals(GET_SECRET_VALUE);
    if (!answerable || !primingSigned) {
      run.refuse(operation);
      throw new NotSent("Priming sends nothing; no priming answer for " + operation
          + (primingSigned ? "" : " (not signed with the priming credentials)"));
    }
    if (!run.answer(operation)) {
      throw new NotSent("Priming stopped a warm-up after " + PrimingRun.MAX_ANSWERS + " calls");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-RequestId", "priming");
    byte[] body;
    if (target.startsWith(DYNAMODB_TARGET)) {
      body = DynamoDbAnswers.answer(target.substring(DYNAMODB_TARGET.length()), requestBody(request), run);
      CRC32 crc = new CRC32();
      crc.update(body);
      // DynamoDB's headers, the CRC32 too: the SDK checks the body against it, as it will on the first real answer.
      headers.put("Content-Type", "application/x-amz-json-1.0");
      headers.put("x-amz-crc32", Long.toString(crc.getValue()));
    } else {
      body = secret(requestBody(request).path("SecretId").asText("priming"));
      headers.put("Content-Type", "application/x-amz-json-1.1");
    }
    try {
      return LoopbackAnswer.exchange(real, request, 200, headers, body);
    } catch (IOException e) {
      throw new NotSent("The priming exchange on the loopback address failed: " + e.getMessage());
    }
  }

  /** GetSecretValue's answer, with the made-up value. */
  private static byte[] secret(String secretId) {
    var answer = JSON.createObjectNode().put("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:priming")
        .put("Name", secretId).put("SecretString", PrimingData.SECRET).put("VersionId", "priming");
    answer.putArray("VersionStages").add("AWSCURRENT");
    try {
      return JSON.writeValueAsBytes(answer);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode requestBody(HttpExecuteRequest request) {
    try (InputStream in = request.contentStreamProvider().orElseThrow(() -> new NotSent("A DynamoDB request has a body"))
        .newStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String clientName() {
    return real.clientName();
  }

  @Override
  public void close() {
    real.close();
  }
}
