package dev.blog.users;

import dev.blog.core.http.ApiResponse;
import dev.blog.core.user.User;
import dev.blog.core.user.UserService;
import dev.blog.core.user.UserViews;

/** The one mapping from a user to its HTTP answer, shared by the users routes. */
final class UserResponses {
  private UserResponses() {}

  static ApiResponse full(User user) {
    return ApiResponse.ok(UserViews.full(user)).withETag(user.version());
  }

  /** The view the caller may see; the ETag goes only with the full view, the one that can be updated. */
  static ApiResponse visible(UserService.Visible visible) {
    return visible.full() ? full(visible.user()) : ApiResponse.ok(UserViews.publicView(visible.user()));
  }
}
