package dev.blog.bench.harness;

import dev.blog.local.lambda.training.RuntimeClient;
import dev.blog.local.lambda.training.TrainingHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of a bench child JVM, whose class path is the runtime interface client (the jars Lambda's
 * java25 runtime provides), the function's deployable jar and this package only. It does what the runtime
 * does on a cold start: load the handler class, construct it, turn the event JSON into the handler's input
 * type with the runtime client's own serializer, call handleRequest and serialize the answer. Modes:
 * <ul>
 *   <li>{@code cold}: that, once ({@code census}: and mark the first response for the class-load log);
 *   <li>{@code primed}: SnapStart's stand-in: after construction, the runtime's beforeCheckpoint and
 *       afterRestore hooks run as Lambda runs them ({@link Hooks}), then the first request ({@code census}:
 *       and mark, for the class-load log, where the first handleRequest starts and the first response);
 *   <li>{@code warm}: {@code primed}, then warm calls, each followed by a raw GetItem of the store
 *       ({@link StoreProbe}) in the same JVM, so both are measured side by side;
 *   <li>{@code train}: construct every handler of the jar, run the hooks and the serializers once, and exit:
 *       the run that an AOT cache records (nothing is invoked, so nothing is read or written).
 * </ul>
 * It reports on stdout, one line each, prefixed with "@bench":
 * <pre>
 *   @bench first &lt;wall ms at construction&gt; &lt;first handleRequest ns&gt; &lt;first parse ns&gt; &lt;hooks ns&gt;
 *   @bench status &lt;status of the first response&gt;
 *   @bench warm &lt;status counts&gt; &lt;handler ns,...&gt; &lt;store ns,...&gt;     (warm mode)
 * </pre>
 * Reflection reaches the function's classes, and the runtime client's are on the class path as Lambda puts
 * them there: the harness adds no library (RuntimeClient and TrainingHandler, from the local stack, come
 * along in its jar), and loads as little as it can of its own (no lambdas, no "+" on strings: their invokedynamic bootstrap would
 * load classes a function might not need).
 *
 * <p>The event file is a template: {@code {{n}}} is the invocation's index (a bench-wide counter per
 * function, so mutating events never collide across runs), {@code {{v}}} is n + 1 and {@code {{n12}}}
 * is n as 12 digits.
 */
public final class BenchHarness {
  private BenchHarness() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Hooks.loadRuntimeLibrary();
    if (mode.equals("train")) {
      train();
      return;
    }
    String handlerSpec = args[1];
    Path eventFile = Path.of(args[2]);
    long start = Long.parseLong(args[3]);
    int warmup = Integer.parseInt(args[4]);
    int warm = Integer.parseInt(args[5]);
    boolean census = Boolean.parseBoolean(args[7]);
    BenchContext context = new BenchContext(args[10], Integer.parseInt(args[8]), Integer.parseInt(args[9]));
    PrintStream out = System.out;

    Object handler = construct(handlerSpec);
    long constructed = System.currentTimeMillis();
    long hooksNanos = 0;
    if (!mode.equals("cold")) {
      long t = System.nanoTime();
      Hooks.checkpointAndRestore();
      hooksNanos = System.nanoTime() - t;
    }

    Method handle = RuntimeClient.handlerMethod(handler.getClass(), methodName(handlerSpec));
    Serializers serializers = new Serializers(handle);
    String template = Files.readString(eventFile, StandardCharsets.UTF_8);

    long t0 = System.nanoTime();
    Object input = serializers.input(event(template, start));
    long parseNanos = System.nanoTime() - t0;
    if (census && !mode.equals("cold")) {
      Restored.mark();
    }
    context.nextInvocation();
    t0 = System.nanoTime();
    Object response = invoke(handle, handler, input, context);
    long firstNanos = System.nanoTime() - t0;
    serializers.output(response);
    if (census) {
      FirstResponse.mark();
    }
    out.println(new StringBuilder("@bench first ").append(constructed).append(' ').append(firstNanos).append(' ')
        .append(parseNanos).append(' ').append(hooksNanos));
    out.println(new StringBuilder("@bench status ").append(status(response)));

    if (mode.equals("warm")) {
      StoreProbe store = new StoreProbe(args[11], args[12], args[13]);
      long[] handlerSamples = new long[warm];
      long[] storeSamples = new long[warm];
      Map<String, Integer> statuses = new LinkedHashMap<>();
      for (int i = 1; i <= warmup + warm; i++) {
        input = serializers.input(event(template, start + i));
        context.nextInvocation();
        t0 = System.nanoTime();
        response = invoke(handle, handler, input, context);
        long nanos = System.nanoTime() - t0;
        long storeNanos = store.getItemNanos();
        if (i > warmup) {
          handlerSamples[i - warmup - 1] = nanos;
          storeSamples[i - warmup - 1] = storeNanos;
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
      append(line.append(' '), handlerSamples);
      append(line.append(' '), storeSamples);
      out.println(line);
    }
    out.flush();
    // The SDK may leave non-daemon threads behind; a Lambda environment is frozen, not shut down, anyway.
    System.exit(0);
  }

  /**
   * {@code train}: what an AOT cache records of a function jar, as the local stack trains its caches
   * (TrainingHandler: every handler of the jar constructed, their SnapStart priming run by the hooks, the
   * runtime client's serializers of their types). Nothing is invoked, so nothing is read or written.
   */
  private static void train() throws Exception {
    TrainingHandler training = new TrainingHandler();
    Hooks.checkpointAndRestore();
    BenchContext context = new BenchContext("training", 1024, 60);
    context.nextInvocation();
    training.handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), context);
    System.out.println("@bench trained");
    System.out.flush();
    System.exit(0);
  }

  private static Object construct(String handlerSpec) throws ReflectiveOperationException {
    int separator = handlerSpec.indexOf("::");
    String className = separator < 0 ? handlerSpec : handlerSpec.substring(0, separator);
    return Class.forName(className).getDeclaredConstructor().newInstance();
  }

  private static String methodName(String handlerSpec) {
    int separator = handlerSpec.indexOf("::");
    return separator < 0 ? "handleRequest" : handlerSpec.substring(separator + 2);
  }

  private static void append(StringBuilder line, long[] samples) {
    for (int i = 0; i < samples.length; i++) {
      line.append(i == 0 ? "" : ",").append(samples[i]);
    }
  }

  private static String event(String template, long n) {
    return template.replace("{{n12}}", Long.toString(1_000_000_000_000L + n).substring(1))
        .replace("{{n}}", Long.toString(n))
        .replace("{{v}}", Long.toString(n + 1));
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
}
