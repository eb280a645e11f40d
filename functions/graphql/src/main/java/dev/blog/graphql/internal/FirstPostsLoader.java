package dev.blog.graphql.internal;

import dev.blog.core.post.PostListing;
import dev.blog.core.post.PostService;
import dev.blog.core.security.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/**
 * {@code User.posts} without a cursor, batched: every such field of one level of the query (a page of
 * users) becomes one {@link PostService#firstPages} call per distinct {@code limit}, a fixed number of
 * DynamoDB round trips however many users the page holds. One loader per request and caller.
 */
public final class FirstPostsLoader {
  public static final String NAME = "firstPosts";

  /** One user's first page of posts, of this size. */
  record Key(String authorId, int limit) {}

  private FirstPostsLoader() {}

  public static DataLoader<Key, Map<String, Object>> create(PostService posts, Caller caller) {
    return DataLoaderFactory.newDataLoader(keys -> CompletableFuture.supplyAsync(() -> load(posts, caller, keys),
        Runnable::run));
  }

  private static List<Map<String, Object>> load(PostService posts, Caller caller, List<Key> keys) {
    Map<Integer, List<String>> authorsByLimit = new LinkedHashMap<>();
    for (Key key : keys) {
      authorsByLimit.computeIfAbsent(key.limit(), l -> new ArrayList<>()).add(key.authorId());
    }
    Map<Key, PostListing> pages = new LinkedHashMap<>();
    authorsByLimit.forEach((limit, authors) -> posts.firstPages(caller, authors, limit)
        .forEach((author, page) -> pages.put(new Key(author, limit), page)));
    return keys.stream().map(key -> Views.posts(pages.get(key))).toList();
  }
}
