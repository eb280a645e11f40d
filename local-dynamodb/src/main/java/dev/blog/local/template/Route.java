package dev.blog.local.template;

/** One route of the HttpApi: method (or ANY), path with its {variables}, the function, and whether the authorizer guards it. */
public record Route(String method, String path, String functionId, boolean authorized) {
  public String routeKey() {
    return method + " " + path;
  }
}
