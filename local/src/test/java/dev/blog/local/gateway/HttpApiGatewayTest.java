package dev.blog.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.template.LocalNames;
import dev.blog.local.template.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own answers, over a socket as any client sends them: a path that is not a route is API
 * Gateway's 404 whatever its slashes, and every answer, even to a request the HTTP server refuses, is JSON.
 * No function runs here: every request below is answered before one would be called.
 */
class HttpApiGatewayTest {
  private final Template template = Template.load(Template.findProjectDir());
  private final List<String> log = new ArrayList<>();
  private final HttpApiGateway gateway = HttpApiGateway.start(0, template, new LocalNames(template, Map.of(), Map.of()),
      Map.of(), Map.of("GET /_local/emails", (path, query, body) -> "[]"), line -> {
        synchronized (log) {
          log.add(line);
        }
      });

  @AfterEach
  void stop() {
    gateway.close();
  }

  /** One answer: its status line, headers (lower-case names) and body. */
  private record Answer(int status, Map<String, String> headers, String body) {}

  /** Sends {@code head} (request line and headers, CRLF-terminated lines) as is, and reads the whole answer. */
  private Answer send(String head) throws IOException {
    try (Socket socket = new Socket(gateway.endpoint().getHost(), gateway.endpoint().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      String text = bytes.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
  }

  private Answer get(String target) throws IOException {
    return send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
  }

  private static void assertGatewayMessage(Answer answer, int status, String message) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.headers()).containsEntry("content-type", "application/json");
    assertThat(answer.body()).isEqualTo("{\"message\":\"" + message + "\"}");
  }

  @Test
  void aRouteWithoutAnAuthorizationHeaderIsUnauthorizedNotMissing() throws IOException {
    assertGatewayMessage(get("/me"), 401, "Unauthorized");
  }

  @Test
  void aTrailingSlashIsNotTheRoute() throws IOException {
    assertGatewayMessage(get("/me/"), 404, "Not Found");
    assertGatewayMessage(get("/users/"), 404, "Not Found");
  }

  @Test
  void aDoubledSlashIsNotTheRouteAndIsAnsweredWithJson() throws IOException {
    assertGatewayMessage(get("//me"), 404, "Not Found");
    assertGatewayMessage(get("/users//x"), 404, "Not Found");
    assertGatewayMessage(get("http://localhost//me"), 404, "Not Found");
  }

  @Test
  void anUnknownRouteIsNotFoundAndSaysWhichRequestItWas() throws IOException {
    Answer answer = get("/nope?x=1");
    assertGatewayMessage(answer, 404, "Not Found");
    assertThat(answer.headers()).containsKey("apigw-requestid");
    synchronized (log) {
      // One JSON access-log line, as the template's AccessLogSettings write them in AWS.
      assertThat(log).anyMatch(line -> line.startsWith("{\"source\":\"gateway\",\"message\":\"request\"")
          && line.contains("\"method\":\"GET\",\"path\":\"/nope\",\"status\":404")
          && line.contains("\"outcome\":\"404 (no route)\""));
    }
  }

  @Test
  void requestsTheHttpServerRefusesAreAnsweredWithJsonToo() throws IOException {
    assertGatewayMessage(get("/users/%zz"), 400, "Bad Request");
    assertGatewayMessage(send("NOT-HTTP\r\n"), 400, "Bad Request");
    assertGatewayMessage(send("GET /me HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(11_000) + "\r\n"), 431,
        "Request Header Fields Too Large");
  }

  @Test
  void localStackRoutesAnswerTheirJson() throws IOException {
    Answer answer = get("/_local/emails");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).containsEntry("content-type", "application/json");
    assertThat(answer.body()).isEqualTo("[]");
    assertGatewayMessage(get("/_local/emails/"), 404, "Not Found");
  }
}
