package dev.blog.local.dynamodb;

import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.dynamodb.services.local.server.AbstractLocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local, in this JVM, speaking the real DynamoDB protocol on a loopback port. Tables come from
 * template.yaml's own definitions ({@link TableProvisioner}). With a folder, data is written to SQLite
 * files there as each request completes, so stopping the process loses nothing.
 */
public final class LocalDynamo implements AutoCloseable {
  /** The one interface every listener of the local stack binds to. */
  public static final String LOOPBACK = "127.0.0.1";
  private static LocalDynamo shared;

  private final Server server;
  private final AbstractLocalDynamoDBServerHandler handler;
  private final URI endpoint;

  private LocalDynamo(Server server, AbstractLocalDynamoDBServerHandler handler, int port) {
    this.server = server;
    this.handler = handler;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Starts DynamoDB Local on 127.0.0.1:{@code port} (0: any free port), keeping data under {@code dataDir}, or in
   * memory when it is null.
   *
   * <p>DynamoDB Local's own launcher ({@code ServerRunner}, {@code DynamoDBProxyServer}) listens on every interface
   * and has no option to bind one: anyone on the network could read and write the tables, unauthenticated. So its
   * request handler is mounted here on a Jetty connector bound to the loopback interface, as every listener of
   * the local stack is. Its CORS is off (the command line's default allows any origin): no web page in the
   * developer's browser can reach it either. Nothing is printed and no telemetry is configured.
   */
  public static synchronized LocalDynamo start(int port, Path dataDir) {
    int chosen = port == 0 ? freePort() : port;
    SqliteNative.install(Path.of(System.getProperty("java.io.tmpdir"), "blog-local-native"));
    Server server = null;
    try {
      if (dataDir != null) {
        Files.createDirectories(dataDir);
      }
      AbstractLocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0,
          dataDir == null, dataDir == null ? null : dataDir.toAbsolutePath().toString(), true, false), null);
      QueuedThreadPool threads = new QueuedThreadPool(32, 2);
      threads.setName("dynamodb-local");
      threads.setDaemon(true);
      server = new Server(threads);
      ServerConnector connector = new ServerConnector(server);
      connector.setHost(LOOPBACK);
      connector.setPort(chosen);
      server.addConnector(connector);
      server.setHandler(handler);
      server.start();
      return new LocalDynamo(server, handler, chosen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      stopQuietly(server);
      throw new IllegalStateException("DynamoDB Local did not start on " + LOOPBACK + ":" + chosen + ": " + e.getMessage(), e);
    }
  }

  private static void stopQuietly(Server server) {
    if (server != null) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // it did not start
      }
    }
  }

  /** One in-memory DynamoDB Local for the whole test JVM. */
  public static synchronized LocalDynamo shared() {
    if (shared == null) {
      shared = start(0, null);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Creates template.yaml's tables named {@code <LogicalId><suffix>}; returns logical id to table name. */
  public Map<String, String> createTables(String suffix) {
    return createTables(endpoint, suffix);
  }

  /** The same on any DynamoDB endpoint (LocalStack, for instance). */
  public static Map<String, String> createTables(URI endpoint, String suffix) {
    try (DynamoDbClient client = client(endpoint)) {
      return new LinkedHashMap<>(new TableProvisioner(Template.load(Template.findProjectDir())).create(client, suffix));
    }
  }

  public static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(LocalAccount.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  @Override
  public void close() {
    try {
      server.stop();
      handler.close();
    } catch (Exception e) {
      // Stopping is best effort: the JVM is going away, and SQLite has already committed every write.
    }
  }

  /** A port nothing listens on now, on the loopback interface every local server binds to. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress(LOOPBACK, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
