package dev.blog.core.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a listing, newest first, with the id of its last item when there is a next page. */
public record Page<T>(List<T> items, Optional<String> lastShown) {
  public Page {
    items = List.copyOf(items);
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty());
  }

  /** The same page with each item read as something else (a stored item as the domain's value). */
  public <R> Page<R> map(Function<T, R> read) {
    return new Page<>(items.stream().map(read).toList(), lastShown);
  }
}
