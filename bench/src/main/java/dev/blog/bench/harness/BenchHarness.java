package dev.blog.bench.harness;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of a bench child JVM, whose class path is the function's deployable jar and this
 * package only. It does what the Lambda runtime does on a cold start (load the handler class, construct
 * it, turn the event JSON into the handler's input type, call handleRequest), then optionally calls it
 * again in a loop for warm latencies. It reports on stdout, one line each, prefixed with "@bench":
 * <pre>
 *   @bench first &lt;wall ms when the handler was constructed&gt; &lt;first handleRequest ns&gt;
 *   @bench status &lt;status of the first response&gt;
 *   @bench warm &lt;status counts&gt; &lt;ns,ns,...&gt;     (only when warm iterations were asked for)
 * </pre>
 * Jackson is the function jar's own, reached by reflection: the harness must add no library, and must
 * load as little as it can of its own. For the same reason it avoids lambdas and "+" on strings, whose
 * invokedynamic bootstrap would load classes that a function might not need.
 *
 * <p>The event file is a template: {@code {{n}}} is the invocation's index (a bench-wide counter per
 * function, so mutating events never collide across runs), {@code {{v}}} is n + 1 and {@code {{n12}}}
 * is n as 12 digits.
 */
public final class BenchHarness {
  private BenchHarness() {}

  public static void main(String[] args) throws Exception {
    String handlerSpec = args[0];
    Path eventFile = Path.of(args[1]);
    long start = Long.parseLong(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int warm = Integer.parseInt(args[4]);
    boolean census = Boolean.parseBoolean(args[6]);
    BenchContext context = new BenchContext(args[9], Integer.parseInt(args[7]), Integer.parseInt(args[8]));
    PrintStream out = System.out;

    int separator = handlerSpec.indexOf("::");
    String className = separator < 0 ? handlerSpec : handlerSpec.substring(0, separator);
    String methodName = separator < 0 ? "handleRequest" : handlerSpec.substring(separator + 2);
    Object handler = Class.forName(className).getDeclaredConstructor().newInstance();
    long constructed = System.currentTimeMillis();

    Method handle = handlerMethod(handler.getClass(), methodName);
    Class<?> inputType = handle.getParameterTypes()[0];
    Events events = new Events(Files.readString(eventFile, StandardCharsets.UTF_8), inputType);

    Object input = events.input(start);
    context.nextInvocation();
    long t0 = System.nanoTime();
    Object response = invoke(handle, handler, input, context);
    long firstNanos = System.nanoTime() - t0;
    if (census) {
      FirstResponse.mark();
    }
    out.println(new StringBuilder("@bench first ").append(constructed).append(' ').append(firstNanos));
    out.println(new StringBuilder("@bench status ").append(status(response)));

    if (warm > 0) {
      long[] samples = new long[warm];
      Map<String, Integer> statuses = new LinkedHashMap<>();
      for (int i = 1; i <= warmup + warm; i++) {
        input = events.input(start + i);
        context.nextInvocation();
        t0 = System.nanoTime();
        response = invoke(handle, handler, input, context);
        long nanos = System.nanoTime() - t0;
        if (i > warmup) {
          samples[i - warmup - 1] = nanos;
          String s = status(response);
          Integer count = statuses.get(s);
          statuses.put(s, count == null ? 1 : count + 1);
        }
      }
      StringBuilder line = new StringBuilder("@bench warm ");
      boolean first = true;
      for (Map.Entry<String, Integer> e : statuses.entrySet()) {
        line.append(first ? "" : ",").append(e.getKey()).append('x').append(e.getValue());
        first = false;
      }
      line.append(' ');
      for (int i = 0; i < samples.length; i++) {
        line.append(i == 0 ? "" : ",").append(samples[i]);
      }
      out.println(line);
    }
    out.flush();
    // The SDK may leave non-daemon threads behind; a Lambda environment is frozen, not shut down, anyway.
    System.exit(0);
  }

  /** handleRequest(X, Context) with X the most specific type (the handler's, not the bridge's Object). */
  private static Method handlerMethod(Class<?> type, String name) throws NoSuchMethodException {
    Method found = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 2 && !m.isBridge()
          && "com.amazonaws.services.lambda.runtime.Context".equals(m.getParameterTypes()[1].getName())
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

  private static Object invoke(Method handle, Object handler, Object input, BenchContext context) {
    try {
      return handle.invoke(handler, input, context);
    } catch (InvocationTargetException e) {
      return e.getCause();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 200 for an API response, authorized/denied for the authorizer, ok otherwise, error:X for a throw. */
  private static String status(Object response) {
    if (response instanceof Throwable t) {
      return new StringBuilder("error:").append(t.getClass().getSimpleName()).toString();
    }
    if (response == null) {
      return "null";
    }
    for (String getter : new String[] {"getStatusCode", "getIsAuthorized", "isAuthorized"}) {
      try {
        Object value = response.getClass().getMethod(getter).invoke(response);
        if (getter.equals("getStatusCode")) {
          return String.valueOf(value);
        }
        return Boolean.TRUE.equals(value) ? "authorized" : "denied";
      } catch (NoSuchMethodException e) {
        // not this kind of response
      } catch (ReflectiveOperationException e) {
        return "error:status";
      }
    }
    return "ok";
  }

  /** Event JSON to the handler's input type with the function jar's Jackson, unknown fields ignored. */
  private static final class Events {
    private final String template;
    private final Class<?> type;
    private final Object mapper;
    private final Method readValue;

    Events(String template, Class<?> type) throws ReflectiveOperationException {
      this.template = template;
      this.type = type;
      Class<?> mapperClass = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
      Class<?> feature = Class.forName("com.fasterxml.jackson.databind.DeserializationFeature");
      mapper = mapperClass.getDeclaredConstructor().newInstance();
      Object failOnUnknown = feature.getField("FAIL_ON_UNKNOWN_PROPERTIES").get(null);
      mapperClass.getMethod("configure", feature, boolean.class).invoke(mapper, failOnUnknown, false);
      readValue = mapperClass.getMethod("readValue", String.class, Class.class);
    }

    Object input(long n) throws ReflectiveOperationException {
      String json = template.replace("{{n12}}", Long.toString(1_000_000_000_000L + n).substring(1))
          .replace("{{n}}", Long.toString(n))
          .replace("{{v}}", Long.toString(n + 1));
      return readValue.invoke(mapper, json, type);
    }
  }
}
