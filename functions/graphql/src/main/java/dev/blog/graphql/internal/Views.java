package dev.blog.graphql.internal;

import dev.blog.core.post.Post;
import dev.blog.core.post.PostListing;
import dev.blog.core.store.Times;
import dev.blog.core.user.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users and posts as the schema's objects: plain maps, which graphql-java's default fetchers read without
 * reflection. The user's full-view fields are only filled in when the caller may see them (the same rule
 * as REST: UserService#view).
 */
final class Views {
  private Views() {}

  static Map<String, Object> user(User u, boolean full) {
    Map<String, Object> view = new HashMap<>();
    view.put("id", u.id());
    view.put("name", u.name());
    view.put("role", u.role().wire());
    view.put("createdAt", Times.format(u.createdAt()));
    if (full) {
      view.put("email", u.email());
      view.put("emailVerified", u.emailVerified());
      view.put("age", u.age());
      view.put("updatedAt", Times.format(u.updatedAt()));
      view.put("version", u.version());
    }
    return view;
  }

  static Map<String, Object> post(Post p) {
    Map<String, Object> view = new HashMap<>();
    view.put("id", p.id());
    view.put("authorId", p.authorId());
    view.put("title", p.title());
    view.put("content", p.content());
    view.put("published", p.published());
    view.put("createdAt", Times.format(p.createdAt()));
    view.put("updatedAt", Times.format(p.updatedAt()));
    view.put("version", p.version());
    return view;
  }

  static Map<String, Object> posts(PostListing page) {
    Map<String, Object> view = new HashMap<>();
    List<Map<String, Object>> items = page.posts().stream().map(Views::post).toList();
    view.put("items", items);
    view.put("nextCursor", page.nextCursor());
    return view;
  }
}
