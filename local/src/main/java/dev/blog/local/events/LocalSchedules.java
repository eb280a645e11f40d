package dev.blog.local.events;

import dev.blog.local.logging.LocalJson;
import dev.blog.local.lambda.FunctionPool;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.template.EventSource;
import dev.blog.local.template.LocalAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's Schedule events, locally: daily and hourly cron expressions ({@code cron(M H * * ? *)},
 * {@code cron(M * * * ? *)}) and {@code rate(...)} fire while the stack runs, invoking the function
 * asynchronously as EventBridge does (Lambda's retries, then the OnFailure destination: {@link AsyncInvocations});
 * any scheduled function can also be fired now, synchronously ({@code ./dev trigger}). The event is the one
 * EventBridge sends, its {@code time} the scheduled time.
 */
public final class LocalSchedules implements AutoCloseable {
  private static final Pattern CRON = Pattern.compile("cron\\((\\d+) (\\d+|\\*) \\* \\* \\? \\*\\)");
  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "schedules");
    t.setDaemon(true);
    return t;
  });
  private final Consumer<String> log;
  private final AsyncInvocations async;
  private final java.util.function.Function<String, EventSource.AsyncInvoke> asyncConfig;

  public LocalSchedules(List<EventSource.Schedule> schedules, Map<String, FunctionPool> functions, AsyncInvocations async,
      java.util.function.Function<String, EventSource.AsyncInvoke> asyncConfig, Consumer<String> log) {
    this.log = log;
    this.async = async;
    this.asyncConfig = asyncConfig;
    for (EventSource.Schedule source : schedules) {
      String expression = source.expression();
      FunctionPool function = functions.get(source.functionId());
      Optional<Instant> next = next(expression, Instant.now());
      if (next.isEmpty()) {
        log.accept(LocalJson.line(source.functionId(), "schedule not run locally; use ./dev trigger", "schedule", expression));
        continue;
      }
      arm(function, expression, next.get());
    }
  }

  private void arm(FunctionPool function, String expression, Instant at) {
    timer.schedule(() -> {
      async.invoke(function, asyncConfig.apply(function.logicalId()), event(function, at)).thenAccept(result ->
          log.accept(LocalJson.line(function.logicalId(), "scheduled run", "at", at.toString(), "result", result.payload())));
      next(expression, at.plusSeconds(1)).ifPresent(n -> arm(function, expression, n));
    }, Math.max(0, Duration.between(Instant.now(), at).toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Invokes the function now, synchronously, with the Scheduled Event for {@code scheduledTime}. */
  public static InvocationResult fire(FunctionPool function, Instant scheduledTime) {
    String event = event(function, scheduledTime);
    try {
      return function.invoke(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return InvocationResult.failure("Interrupted", "interrupted", 0, 0);
    }
  }

  /** The Scheduled Event EventBridge sends for {@code scheduledTime}. */
  public static String event(FunctionPool function, Instant scheduledTime) {
    Map<String, Object> scheduled = new LinkedHashMap<>();
    scheduled.put("version", "0");
    scheduled.put("id", UUID.randomUUID().toString());
    scheduled.put("detail-type", "Scheduled Event");
    scheduled.put("source", "aws.events");
    scheduled.put("account", LocalAccount.ACCOUNT);
    scheduled.put("time", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString());
    scheduled.put("region", LocalAccount.REGION);
    scheduled.put("resources", List.of(LocalAccount.arn("events", "rule/" + function.logicalId())));
    scheduled.put("detail", Map.of());
    return LocalJson.write(scheduled);
  }

  static Optional<Instant> next(String expression, Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC);
    Matcher cron = CRON.matcher(expression);
    if (cron.matches()) {
      int minute = Integer.parseInt(cron.group(1));
      boolean hourly = cron.group(2).equals("*");
      ZonedDateTime candidate = hourly ? t.withMinute(minute).truncatedTo(ChronoUnit.MINUTES)
          : t.withHour(Integer.parseInt(cron.group(2))).withMinute(minute).truncatedTo(ChronoUnit.MINUTES);
      while (!candidate.toInstant().isAfter(after)) {
        candidate = hourly ? candidate.plusHours(1) : candidate.plusDays(1);
      }
      return Optional.of(candidate.toInstant());
    }
    Matcher rate = RATE.matcher(expression);
    if (rate.matches()) {
      long n = Long.parseLong(rate.group(1));
      Duration every = rate.group(2).startsWith("minute") ? Duration.ofMinutes(n)
          : rate.group(2).startsWith("hour") ? Duration.ofHours(n) : Duration.ofDays(n);
      return Optional.of(after.plus(every));
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
