package dev.blog.local.template;

import java.util.List;

/** The HttpApi's default Lambda authorizer: its function, identity headers, cache time and response format. */
public record Authorizer(String functionId, List<String> identityHeaders, int reauthorizeEverySeconds,
    boolean simpleResponses) {}
