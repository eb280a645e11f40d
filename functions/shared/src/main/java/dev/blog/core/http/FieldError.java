package dev.blog.core.http;

/** One invalid input field in a 400 answer: {@code field} is a JSON path such as {@code email} or {@code tags[2]}. */
public record FieldError(String field, String message) {}
