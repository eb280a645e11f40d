package dev.blog.core.snapstart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one function instance: the warm-ups registered here run in {@code beforeCheckpoint},
 * when Lambda takes the snapshot of an initialised function, so that the classes and code of a first request
 * are loaded, linked and run in every environment restored from it.
 * See https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html
 *
 * <p>A warm-up sends a real request through the function's whole path: the handler, the service, the SDK's
 * marshalling and signing, the HTTP client's request and response path over a real socket, the SDK's
 * unmarshalling of an answer and the handler's response mapping. It runs inside a priming scope that only
 * {@link #runAll} opens, on its own thread; within it, {@link PrimingCredentials} sign with obviously fake
 * static credentials (the real ones are never fetched) and {@link PrimingHttpClient} has the request answered by
 * a loopback server of this JVM with a made-up answer instead of sending it to the service. So nothing is sent,
 * nothing written, and no credential, secret or connection ends up in the snapshot; ids and salts drawn during
 * priming are thrown away with its requests.
 *
 * <p>One instance per object graph (a Dagger singleton). Warm-ups are registered explicitly where their
 * object is built: the client in its provider, the handler at the end of its Lambda constructor, once it is
 * whole. Tests build handlers without registering anything, and prime them through an instance of their own.
 */
public final class Priming implements Resource {
  /** The open priming run of the current thread: bound by {@link #runAll} only, and only around a warm-up. */
  private static final ScopedValue<PrimingRun> RUN = ScopedValue.newInstance();

  /**
   * CRaC's global context holds its resources weakly; an instance that registered a warm-up is kept here so
   * the checkpoint still finds it. One graph per function instance, so this holds one or two entries.
   */
  private static final Set<Priming> REGISTERED_WITH_CRAC = ConcurrentHashMap.newKeySet();

  /**
   * One warm-up: sends its request and says how far it got ("HTTP 200", "denied", ...), which tests compare
   * with what the path must reach.
   */
  @FunctionalInterface
  public interface Warmup {
    String run();
  }

  private record Registered(String name, Warmup warmup) {}

  private final List<Registered> warmups = new CopyOnWriteArrayList<>();

  /** Adds a warm-up for the checkpoint; outside SnapStart it is never run. */
  public void register(String name, Warmup warmup) {
    warmups.add(new Registered(name, warmup));
    if (REGISTERED_WITH_CRAC.add(this)) {
      Core.getGlobalContext().register(this);
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    runAll();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to renew: no warm-up keeps connections, credentials or random state
  }

  /**
   * Runs every registered warm-up now, in order, each once in a priming scope of its own, as the checkpoint
   * does; tests prove what each reached and that it sent and changed nothing.
   */
  public PrimingReport runAll() {
    Map<String, PrimingReport.Outcome> outcomes = new LinkedHashMap<>();
    for (Registered registered : warmups) {
      PrimingRun run = new PrimingRun();
      String reached;
      try {
        reached = ScopedValue.where(RUN, run).call(registered.warmup()::run);
      } catch (RuntimeException e) {
        // A warm-up that fails only leaves a colder snapshot: never fail the checkpoint for it.
        reached = "failed: " + e.getClass().getSimpleName();
      }
      outcomes.put(registered.name(), new PrimingReport.Outcome(reached, run.answered(), run.refused()));
    }
    return new PrimingReport(outcomes);
  }

  /** The names of the registered warm-ups, in order. */
  public List<String> registered() {
    return warmups.stream().map(Registered::name).toList();
  }

  /**
   * Whether this thread is in a priming run, for what must not keep what a priming request got (a secret's
   * made-up value): only code called from a warm-up of {@link #runAll} sees true.
   */
  public static boolean running() {
    return RUN.isBound();
  }

  /** The priming run this thread is in, if any: only code called from a warm-up of {@link #runAll} sees one. */
  static Optional<PrimingRun> currentRun() {
    return RUN.isBound() ? Optional.of(RUN.get()) : Optional.empty();
  }
}
