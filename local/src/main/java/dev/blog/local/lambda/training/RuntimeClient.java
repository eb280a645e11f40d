package dev.blog.local.lambda.training;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * How the runtime interface client finds a handler's method and (de)serializes its events, for JVMs that
 * stand in for it: the AOT training run and the bench's harness. Only the runtime client's own jars and the
 * function's are on their class path, so this depends on nothing else.
 */
public final class RuntimeClient {
  private RuntimeClient() {}

  /** handleRequest(X, Context) with X the most specific type (the handler's, not the bridge's Object). */
  public static Method handlerMethod(Class<?> type, String name) throws NoSuchMethodException {
    Method found = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 2 && !m.isBridge()
          && Context.class.getName().equals(m.getParameterTypes()[1].getName())
          && (found == null || found.getParameterTypes()[0].isAssignableFrom(m.getParameterTypes()[0]))) {
        found = m;
      }
    }
    if (found == null) {
      throw new NoSuchMethodException(new StringBuilder(type.getName()).append('.').append(name)
          .append("(X, Context)").toString());
    }
    return found;
  }

  /**
   * The serializer the runtime client picks for {@code type}, by its EventHandlerLoader's rule: the Lambda
   * event serializers for the event classes they know, its Jackson factory otherwise.
   */
  @SuppressWarnings("unchecked")
  public static PojoSerializer<Object> serializerFor(Class<?> type) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, RuntimeClient.class.getClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer((Type) type);
  }
}
