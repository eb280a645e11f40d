package dev.blog.local.dynamodb;

import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.io.PrintStream;
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
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, in this JVM, speaking the real DynamoDB protocol on a loopback port. Tables come from
 * template.yaml's own definitions ({@link TableProvisioner}). With a folder, data is written to SQLite
 * files there as each request completes, so stopping the process loses nothing.
 */
public final class LocalDynamo implements AutoCloseable {
  private static LocalDynamo shared;

  private final DynamoDBProxyServer server;
  private final URI endpoint;

  private LocalDynamo(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Starts DynamoDB Local on {@code port} (0: any free port), keeping data under {@code dataDir}, or in
   * memory when it is null.
   */
  public static synchronized LocalDynamo start(int port, Path dataDir) {
    int chosen = port == 0 ? freePort() : port;
    SqliteNative.install(Path.of(System.getProperty("java.io.tmpdir"), "blog-local-native"));
    // DynamoDB Local prints its configuration on stdout, which belongs to the caller (./dev invoke prints only
    // the function's answer there, ./dev bench its table): while it starts, its prints go to stderr.
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      String[] args;
      if (dataDir == null) {
        args = new String[] {"-inMemory", "-sharedDb", "-port", String.valueOf(chosen), "-disableTelemetry"};
      } else {
        Files.createDirectories(dataDir);
        args = new String[] {"-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb", "-port",
            String.valueOf(chosen), "-disableTelemetry"};
      }
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
      server.start();
      return new LocalDynamo(server, chosen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + chosen + ": " + e.getMessage(), e);
    } finally {
      System.setOut(stdout);
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
    } catch (Exception e) {
      // Stopping is best effort: the JVM is going away, and SQLite has already committed every write.
    }
  }

  /** A port nothing listens on now, on the loopback interface every local server binds to. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
