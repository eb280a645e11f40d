package dev.blog.core.snapstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * One priming exchange of the real HTTP client with a server that this JVM runs on the loopback address for
 * that exchange alone: the client connects, writes the request and reads the answer over a real socket, so
 * its whole request and response path runs (connection, request writing, status line and header parsing,
 * the body stream), and nothing leaves the process. The server takes one connection on an ephemeral port of
 * 127.0.0.1, reads the request, answers with the given status, headers and body and {@code Connection: close}
 * (so the client keeps no connection), and is closed, with its thread ended, before the exchange returns.
 */
final class LoopbackAnswer {
  /** Marks a request to the loopback server, so that a test counting at the wire tells it from a sent one. */
  static final String HEADER = "x-blog-priming";
  /** Ample for a loopback exchange; a priming call that takes longer is abandoned (the warm-up fails). */
  private static final int TIMEOUT_MILLIS = 10_000;

  private LoopbackAnswer() {}

  /**
   * Sends {@code request} with {@code real} to a one-connection server on the loopback address that answers
   * with {@code status}, {@code headers} and {@code body}; returns the client's response (its body unread).
   */
  static HttpExecuteResponse exchange(SdkHttpClient real, HttpExecuteRequest request, int status,
      Map<String, String> headers, byte[] body) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(TIMEOUT_MILLIS);
      Answerer answerer = new Answerer(server, status, headers, body);
      Thread thread = Thread.ofPlatform().daemon().name("priming-loopback").start(answerer);
      SdkHttpRequest loopback = request.httpRequest().toBuilder().protocol("http")
          .host(InetAddress.getLoopbackAddress().getHostAddress()).port(server.getLocalPort())
          .putHeader(HEADER, "loopback").build();
      HttpExecuteResponse response = real.prepareRequest(HttpExecuteRequest.builder().request(loopback)
          .contentStreamProvider(request.contentStreamProvider().orElse(null)).build()).call();
      try {
        thread.join(TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while priming", e);
      }
      if (answerer.failure != null) {
        throw answerer.failure;
      }
      return response;
    }
  }

  /** Takes one connection, reads one request, writes the answer and closes the connection. */
  private static final class Answerer implements Runnable {
    private final ServerSocket server;
    private final byte[] head;
    private final byte[] body;
    private volatile IOException failure;

    Answerer(ServerSocket server, int status, Map<String, String> headers, byte[] body) {
      this.server = server;
      this.body = body;
      StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Error").append("\r\n");
      headers.forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
      h.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
      this.head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void run() {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        readRequest(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(head);
        out.write(body);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        failure = e;
      }
    }

    /** Reads the request's head and its body (Content-Length or chunked), so that closing resets nothing. */
    private static void readRequest(InputStream in) throws IOException {
      String head = readHead(in);
      String lower = head.toLowerCase(Locale.ROOT);
      int at = lower.indexOf("\r\ncontent-length:");
      if (at >= 0) {
        int end = lower.indexOf("\r\n", at + 2);
        long length = Long.parseLong(head.substring(at + "\r\ncontent-length:".length(), end).trim());
        in.skipNBytes(length);
      } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
        while (true) {
          String size = readLine(in);
          int chunk = Integer.parseInt(size.split(";")[0].trim(), 16);
          in.skipNBytes(chunk + 2L); // the chunk and its CRLF; the last (empty) chunk ends with an empty line
          if (chunk == 0) {
            return;
          }
        }
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("The priming request ended before its head did");
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
