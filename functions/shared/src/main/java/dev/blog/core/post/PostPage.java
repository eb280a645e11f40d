package dev.blog.core.post;

import java.util.List;
import java.util.Optional;

/** One page of posts, newest first, with the id of the last one shown when there is a next page. */
public record PostPage(List<Post> posts, Optional<String> lastShown) {
  public static PostPage empty() {
    return new PostPage(List.of(), Optional.empty());
  }
}
