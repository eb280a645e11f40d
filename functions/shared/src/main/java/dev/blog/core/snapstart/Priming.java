package dev.blog.core.snapstart;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: work registered here runs in {@code beforeCheckpoint}, when Lambda takes the
 * snapshot of an initialised function, so that the classes and code paths of a first request are already
 * loaded and compiled in every environment restored from it. A warm-up must have no side effect (no
 * write, no network, no credentials, no secret) and must leave nothing in the snapshot that has to be
 * unique per environment: it may load and run code, nothing more.
 * See https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html
 */
public final class Priming {
  /** Strong references: CRaC's global context only holds its resources weakly. */
  private static final List<Warmup> WARMUPS = new CopyOnWriteArrayList<>();

  private Priming() {}

  private record Warmup(String name, Runnable action) implements Resource {
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
      run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
      // nothing to renew: no warm-up keeps connections, credentials or random state
    }

    void run() {
      try {
        action.run();
      } catch (RuntimeException e) {
        // A warm-up that fails only leaves a colder snapshot: never fail the checkpoint for it.
      }
    }
  }

  /** Registers a warm-up for the checkpoint; outside SnapStart it is never run. */
  public static void beforeCheckpoint(String name, Runnable action) {
    Warmup warmup = new Warmup(name, action);
    WARMUPS.add(warmup);
    Core.getGlobalContext().register(warmup);
  }

  /** Runs every registered warm-up now, as the checkpoint would (tests prove they change nothing). */
  public static void runAll() {
    WARMUPS.forEach(Warmup::run);
  }

  /** The names of the registered warm-ups, in order. */
  public static List<String> registered() {
    return WARMUPS.stream().map(Warmup::name).toList();
  }
}
