package dev.blog.core.user;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One page of users, newest first, with the store position after its last item (empty: no more). */
public record UserPage(List<User> users, Optional<Map<String, String>> next) {}
