package dev.blog.core.post;

import java.util.List;

/** A page of posts for the API: the posts and the opaque cursor of the next page (null: last page). */
public record PostListing(List<Post> posts, String nextCursor) {}
