package dev.blog.core.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * A client's HTTP client with one priming-only decision at the socket: a request made in a priming run
 * ({@link Priming#runAll}, on the warm-up's own thread) is never sent. If it is signed with
 * {@link PrimingCredentials}' fake key and is a DynamoDB request or a Secrets Manager GetSecretValue, the real
 * HTTP client first runs its own request path against port 0 of the loopback address, where nothing can
 * listen (the connection is refused before a byte is written), and then the request is answered as the
 * service would answer it ({@link DynamoDbAnswers}; a secret's value is made up, {@link PrimingData#SECRET}, and
 * SecretsManagerSource does not keep what it gets in a priming run), so that the SDK's response path and the
 * handler's response mapping run too. Any other request in a priming run is refused. Outside a priming run
 * every request goes to the real client, whatever it carries: whether a request is a priming one is decided
 * by the thread's scope, never by anything a request could contain.
 */
public final class PrimingHttpClient implements SdkHttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
  private static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";
  /** Port 0 cannot be listened on: a connection to it is refused by the local host itself. */
  private static final int NOWHERE = 0;

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
    probe(request);
    SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200).putHeader("x-amzn-RequestId", "priming");
    byte[] body;
    if (target.startsWith(DYNAMODB_TARGET)) {
      body = DynamoDbAnswers.answer(target.substring(DYNAMODB_TARGET.length()), requestBody(request), run);
      CRC32 crc = new CRC32();
      crc.update(body);
      // DynamoDB's headers, the CRC32 too: the SDK checks the body against it, as it will on the first real answer.
      response.putHeader("Content-Type", "application/x-amz-json-1.0").putHeader("x-amz-crc32", Long.toString(crc.getValue()));
    } else {
      body = secret(requestBody(request).path("SecretId").asText("priming"));
      response.putHeader("Content-Type", "application/x-amz-json-1.1");
    }
    response.putHeader("Content-Length", Integer.toString(body.length));
    return HttpExecuteResponse.builder().response(response.build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
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

  /**
   * The real client's request path up to the socket: the same request, to port 0 of the loopback address,
   * which refuses the connection before anything is written.
   */
  private void probe(HttpExecuteRequest request) {
    SdkHttpRequest nowhere = request.httpRequest().toBuilder().host("127.0.0.1").port(NOWHERE).build();
    try {
      HttpExecuteResponse unexpected = real.prepareRequest(HttpExecuteRequest.builder().request(nowhere)
          .contentStreamProvider(request.contentStreamProvider().orElse(null)).build()).call();
      unexpected.responseBody().ifPresent(AbortableInputStream::abort);
      throw new NotSent("Something answered on port 0 of the loopback address; priming stops");
    } catch (IOException refused) {
      // as expected: the client went as far as the socket
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
