package dev.blog.core.testing;

import dev.blog.core.snapstart.PrimingHttpClient;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The real HTTP client of a test graph, counting at the wire: a request counts as sent once a server
 * answered it, as refused when the connection failed before that; a priming request that the real client sent
 * to the loopback server of PrimingHttpClient, and only there, counts as primed.
 */
public final class WireCounter implements SdkHttpClient {
  private final SdkHttpClient real;
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger primed = new AtomicInteger();

  public WireCounter(SdkHttpClient real) {
    this.real = real;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String operation = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(request.httpRequest().method().name());
    boolean toLoopback = request.httpRequest().firstMatchingHeader(PrimingHttpClient.LOOPBACK_HEADER).isPresent();
    ExecutableHttpRequest call = real.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        try {
          HttpExecuteResponse response = call.call();
          if (toLoopback) {
            primed.incrementAndGet();
          } else {
            sent.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
          }
          return response;
        } catch (IOException e) {
          refused.incrementAndGet();
          throw e;
        }
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
  }

  /** Requests a server answered, by X-Amz-Target: {@code {DynamoDB_20120810.GetItem=1}}. */
  public Map<String, Integer> sent() {
    Map<String, Integer> counts = new TreeMap<>();
    sent.forEach((op, n) -> counts.put(op, n.get()));
    return counts;
  }

  /** Connections that failed before any answer. */
  public int refused() {
    return refused.get();
  }

  /** Priming requests answered by the loopback server of PrimingHttpClient: its whole path ran, nothing left. */
  public int primed() {
    return primed.get();
  }

  public void reset() {
    sent.clear();
    refused.set(0);
    primed.set(0);
  }

  @Override
  public void close() {
    real.close();
  }
}
