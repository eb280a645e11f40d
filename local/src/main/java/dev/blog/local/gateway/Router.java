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
 * Route selection as an HTTP API does it: the most specific route wins (a literal segment beats a variable,
 * which beats a greedy variable), then an exact method beats ANY.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
final class Router {
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
      if (!route.method().equals(method) && !route.method().equals("ANY")) {
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
    return Optional.ofNullable(best);
  }

  /** The match's score (higher is more specific), or -1 when the path does not match the template. */
  private static int matchPath(String[] template, String[] actual, Map<String, String> params) {
    int score = 0;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("+}")) {
        if (i >= actual.length) {
          return -1;
        }
        params.put(t.substring(1, t.length() - 2), decode(String.join("/", Arrays.asList(actual).subList(i, actual.length))));
        return score;
      }
      if (i >= actual.length) {
        return -1;
      }
      if (t.startsWith("{") && t.endsWith("}")) {
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

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  /** Percent-decoding of path and query values; a '+' stays a '+'. */
  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
