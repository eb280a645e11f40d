package dev.blog.core.post;

/** A partial update: a null field is left as it is. */
public record PostPatch(String title, String content, Boolean published) {}
