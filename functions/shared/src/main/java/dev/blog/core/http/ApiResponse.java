package dev.blog.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, headers and an optional body that {@link ApiHandler} writes as JSON. */
public record ApiResponse(int status, Map<String, String> headers, Object body) {

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, Map.of(), body);
  }

  public static ApiResponse created(String location, Object body) {
    return new ApiResponse(201, Map.of("Location", location), body);
  }

  /** Taken on; nothing to say about the outcome (a password-reset request answers this whatever happened). */
  public static ApiResponse accepted() {
    return new ApiResponse(202, Map.of(), null);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, Map.of(), null);
  }

  /** The entity tag of a versioned resource: {@code "<version>"}, a strong validator for If-Match. */
  public ApiResponse withETag(long version) {
    return withHeader("ETag", ETags.of(version));
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new ApiResponse(status, Map.copyOf(all), body);
  }
}
