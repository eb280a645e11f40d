package dev.blog.core.snapstart;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one function instance: the warm-ups registered here run in {@code beforeCheckpoint},
 * when Lambda takes the snapshot of an initialised function, so that the classes and code paths of a first
 * request are already loaded and compiled in every environment restored from it. A warm-up must have no side
 * effect (no write, no network, no credentials, no secret) and must leave nothing in the snapshot that has to
 * be unique per environment: it may load and run code, nothing more.
 * See https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html
 *
 * <p>One instance per object graph (a Dagger singleton). Warm-ups are registered explicitly where their
 * object is built: the client in its provider, the handler at the end of its Lambda constructor, once it is
 * whole. Tests build handlers without registering anything, and prime them through an instance of their own.
 */
public final class Priming implements Resource {
  /**
   * CRaC's global context holds its resources weakly; an instance that registered a warm-up is kept here so
   * the checkpoint still finds it. One graph per function instance, so this holds one or two entries.
   */
  private static final Set<Priming> REGISTERED_WITH_CRAC = ConcurrentHashMap.newKeySet();

  private record Warmup(String name, Runnable action) {}

  private final List<Warmup> warmups = new CopyOnWriteArrayList<>();

  /** Adds a warm-up for the checkpoint; outside SnapStart it is never run. */
  public void register(String name, Runnable action) {
    warmups.add(new Warmup(name, action));
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

  /** Runs every registered warm-up now, in order, as the checkpoint does (tests prove they change nothing). */
  public void runAll() {
    for (Warmup warmup : warmups) {
      try {
        warmup.action().run();
      } catch (RuntimeException e) {
        // A warm-up that fails only leaves a colder snapshot: never fail the checkpoint for it.
      }
    }
  }

  /** The names of the registered warm-ups, in order. */
  public List<String> registered() {
    return warmups.stream().map(Warmup::name).toList();
  }
}
