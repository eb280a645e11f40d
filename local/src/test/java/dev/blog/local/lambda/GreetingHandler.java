package dev.blog.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A function for the local stack's own tests: it answers who it greets and what it was built as. */
public final class GreetingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of("hello", String.valueOf(event.get("name")), "build", String.valueOf(System.getenv("BUILD")));
  }
}
