package dev.blog.local.gateway;

import dev.blog.local.template.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route selection as an HTTP API does it, on the path as sent: the most specific route wins (a literal segment
 * beats a variable, which beats a greedy variable), then an exact method beats ANY; {@code $default} takes
 * what no other route matches. Segments are compared as they are, so {@code /me/} and {@code //me} are not
 * {@code /me}, and a variable never matches an empty segment.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
final class Router {
  private static final String DEFAULT_ROUTE = "$default";

  /** The route a request goes to, with its decoded path parameters. */
  record Match(Route route, Map<String, String> pathParameters) {}

  private final List<Route> routes;

  Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  Optional<Match> match(String method, String rawPath) {
    Match best = null;
    int bestScore = -1;
    String[] actual = segments(rawPath);
    for (Route route : routes) {
      if (actual == null || route.path().equals(DEFAULT_ROUTE)
          || (!route.method().equals(method) && !route.method().equals("ANY"))) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int score = matchPath(segments(route.path()), actual, params);
      if (score < 0) {
        continue;
      }
      score = score * 2 + (route.method().equals(method) ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = new Match(route, params);
      }
    }
    if (best == null) {
      return routes.stream().filter(r -> r.path().equals(DEFAULT_ROUTE)).findFirst().map(r -> new Match(r, Map.of()));
    }
    return Optional.of(best);
  }

  /** The match's score (higher is more specific), or -1 when the path does not match the template. */
  private static int matchPath(String[] template, String[] actual, Map<String, String> params) {
    int score = 0;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("+}")) {
        String rest = String.join("/", Arrays.asList(actual).subList(Math.min(i, actual.length), actual.length));
        if (rest.isEmpty()) {
          return -1;
        }
        params.put(t.substring(1, t.length() - 2), decode(rest));
        return score;
      }
      if (i >= actual.length) {
        return -1;
      }
      if (t.startsWith("{") && t.endsWith("}")) {
        if (actual[i].isEmpty()) {
          return -1;
        }
        params.put(t.substring(1, t.length() - 1), decode(actual[i]));
        score += 1;
      } else if (t.equals(actual[i])) {
        score += 1000;
      } else {
        return -1;
      }
    }
    return template.length == actual.length ? score : -1;
  }

  /** The segments between slashes, empty ones included ({@code /a/} is "a" and ""); null for a path without a leading slash. */
  private static String[] segments(String path) {
    return path.startsWith("/") ? path.substring(1).split("/", -1) : null;
  }

  /** Percent-decoding of path and query values; a '+' stays a '+'. */
  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
