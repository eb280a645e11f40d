package dev.blog.core.user;

import java.util.List;

/** A page of users for the API: the users, the opaque cursor of the next page (null: last page), the total. */
public record UserListing(List<User> users, String nextCursor, long total) {}
