package dev.blog.local.gateway;

import dev.blog.local.logging.LocalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The gateway's HTTP listener on 127.0.0.1: Jetty's core server, chosen
 * over the JDK's because every answer must be the gateway's JSON, also for requests that never reach a route:
 * the JDK server answers a request for {@code //me} (and other targets it cannot map) with its own HTML page.
 * Paths reach the router as sent, empty and dot segments included; the server's own refusals (a malformed
 * request, headers over API Gateway's 10,240 bytes) are answered {@code {"message": <reason>}}.
 */
final class JettyListener implements AutoCloseable {
  /** HTTP APIs limit the request line and headers together to 10,240 bytes (API Gateway quotas). */
  private static final int MAX_HEADER_BYTES = 10_240;

  private final Server server;
  private final ServerConnector connector;

  private JettyListener(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  static JettyListener start(int port, Function<GatewayRequest, GatewayResponse> gateway) {
    QueuedThreadPool threads = new QueuedThreadPool(48, 4);
    threads.setName("http-api");
    threads.setDaemon(true);
    Server server = new Server(threads, new ScheduledExecutorScheduler("http-api-scheduler", true), null);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    config.setSendDateHeader(true);
    config.setRequestHeaderSize(MAX_HEADER_BYTES);
    // Route matching, not the server, decides what a path means: //me, /me/ and /a/../b reach it as sent.
    config.setUriCompliance(UriCompliance.UNSAFE);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        write(gateway.apply(read(request)), request, response, callback);
        return true;
      }
    });
    server.setErrorHandler((Request.Handler) JettyListener::refuse);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // it did not start
      }
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + " (is another ./dev start running?)",
          e instanceof IOException io ? io : new IOException(e));
    }
    return new JettyListener(server, connector);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  private static GatewayRequest read(Request request) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(field.getValue());
    }
    byte[] body = Content.Source.asInputStream(request).readNBytes(HttpApiGateway.MAX_PAYLOAD_BYTES + 1);
    String query = request.getHttpURI().getQuery();
    String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "=";
    return new GatewayRequest(requestId, request.getMethod().toUpperCase(Locale.ROOT), request.getHttpURI().getPath(),
        query == null ? "" : query, headers, body, Request.getRemoteAddr(request),
        request.getConnectionMetaData().getProtocol());
  }

  private static void write(GatewayResponse answer, Request request, Response response, Callback callback) {
    response.setStatus(answer.status());
    answer.headersToSend().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
    byte[] body = answer.body();
    boolean none = body == null || request.getMethod().equalsIgnoreCase("HEAD");
    response.write(true, none ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
  }

  /** The server's own refusals (malformed requests, oversized headers) as the gateway's JSON. */
  private static boolean refuse(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    byte[] body = LocalJson.message(HttpStatus.getMessage(status));
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
