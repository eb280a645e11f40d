package dev.blog.local.template;

import java.util.List;

/** The HttpApi's CORS configuration, its values resolved. */
public record Cors(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods,
    List<String> exposeHeaders, int maxAge, boolean allowCredentials) {}
