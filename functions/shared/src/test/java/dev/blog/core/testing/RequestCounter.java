package dev.blog.core.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the requests a test graph's DynamoDB client sends, by operation: what round trips cost. */
public final class RequestCounter implements ExecutionInterceptor {
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    sent.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), op -> new AtomicInteger())
        .incrementAndGet();
  }

  public void reset() {
    sent.clear();
  }

  public int total() {
    return sent.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Operation name to count, sorted: {@code {BatchGetItem=2, Query=1}}. */
  public Map<String, Integer> byOperation() {
    Map<String, Integer> counts = new TreeMap<>();
    sent.forEach((op, n) -> counts.put(op, n.get()));
    return counts;
  }
}
