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
 * ({@link Priming#runAll}, on the warm-up's own thread) is never sent. If it is a DynamoDB request signed with
 * {@link PrimingCredentials}' fake key, the real HTTP client first runs its own request path against port 0
 * of the loopback address, where nothing can listen (the connection is refused before a byte is written),
 * and then the request is answered with what DynamoDB would answer ({@link DynamoDbAnswers}), so that the
 * SDK's response path and the handler's response mapping run too. Any other request in a priming run is
 * refused. Outside a priming run every request goes to the real client, whatever it carries: whether a
 * request is a priming one is decided by the thread's scope, never by anything a request could contain.
 */
public final class PrimingHttpClient implements SdkHttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
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
    if (!target.startsWith(DYNAMODB_TARGET) || !primingSigned) {
      run.refuse(operation);
      throw new NotSent("Priming sends nothing; no priming answer for " + operation
          + (primingSigned ? "" : " (not signed with the priming credentials)"));
    }
    if (!run.answer(operation)) {
      throw new NotSent("Priming stopped a warm-up after " + PrimingRun.MAX_ANSWERS + " calls");
    }
    probe(request);
    byte[] body = DynamoDbAnswers.answer(target.substring(DYNAMODB_TARGET.length()), requestBody(request));
    CRC32 crc = new CRC32();
    crc.update(body);
    // DynamoDB's headers, the CRC32 too: the SDK checks the body against it, as it will on the first real answer.
    SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("Content-Length", Integer.toString(body.length))
        .putHeader("x-amz-crc32", Long.toString(crc.getValue()))
        .putHeader("x-amzn-RequestId", "priming")
        .build();
    return HttpExecuteResponse.builder().response(response)
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
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
