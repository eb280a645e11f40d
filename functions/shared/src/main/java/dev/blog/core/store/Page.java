package dev.blog.core.store;

import java.util.List;
import java.util.Optional;

/** One page of a listing, newest first, with the id of its last item when there is a next page. */
public record Page<T>(List<T> items, Optional<String> lastShown) {
  public Page {
    items = List.copyOf(items);
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty());
  }
}
