package dev.blog.bench.harness;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.blog.local.lambda.training.RuntimeClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The runtime interface client's serializers of a handler's input and output types (RuntimeClient picks them
 * as the runtime client does), so an event is parsed, and an answer written, by the code that does it in
 * Lambda: the runtime client's jars are on the child's class path, as the java25 runtime provides them.
 */
final class Serializers {
  private final PojoSerializer<Object> in;
  private final PojoSerializer<Object> out;

  Serializers(Method handler) {
    this.in = RuntimeClient.serializerFor(handler.getParameterTypes()[0]);
    this.out = RuntimeClient.serializerFor(handler.getReturnType());
  }

  Object input(String json) {
    return in.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes the answer as the runtime client posts it (a throw is reported by the runtime, not serialized). */
  void output(Object response) {
    if (!(response instanceof Throwable)) {
      out.toJson(response, new ByteArrayOutputStream());
    }
  }
}
