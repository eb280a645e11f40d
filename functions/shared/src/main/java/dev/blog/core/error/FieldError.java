package dev.blog.core.error;

/** One invalid input field: {@code field} is a JSON path such as {@code email} or {@code tags[2]}. */
public record FieldError(String field, String message) {}
