package dev.blog.local.lambda.training;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The handler of an AOT cache's training run: a stand-in that constructs every handler of one function jar
 * (named in {@value #HANDLERS}), whose Lambda constructors register their SnapStart priming. The training
 * environment starts as a SnapStart one, so the runtime interface client runs that priming (every handler's
 * request path, answered at the socket: nothing is sent, read or written); its one invocation then runs the
 * runtime client's serializers of every handler's input and output types. What the JVM loaded and linked by
 * then is what the cache holds. Never deployed: it lives in a jar of its own, beside the function's.
 */
public final class TrainingHandler implements RequestStreamHandler {
  /** The environment variable naming the handlers, {@code class::method} separated by commas. */
  public static final String HANDLERS = "BLOG_AOT_TRAINING_HANDLERS";

  private final List<Method> methods = new ArrayList<>();

  public TrainingHandler() throws ReflectiveOperationException {
    for (String spec : System.getenv(HANDLERS).split(",")) {
      int separator = spec.indexOf("::");
      Class<?> type = Class.forName(separator < 0 ? spec : spec.substring(0, separator));
      type.getDeclaredConstructor().newInstance();
      methods.add(RuntimeClient.handlerMethod(type, separator < 0 ? "handleRequest" : spec.substring(separator + 2)));
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    for (Method method : methods) {
      try {
        RuntimeClient.serializerFor(method.getParameterTypes()[0]).fromJson("{}");
        PojoSerializer<Object> out = RuntimeClient.serializerFor(method.getReturnType());
        out.toJson(out.fromJson("{}"), new ByteArrayOutputStream());
      } catch (RuntimeException e) {
        context.getLogger().log("AOT training: no serializer run for " + method + ": " + e);
      }
    }
    try {
      output.write("{}".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
