package dev.blog.local.dynamodb;

import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.Template;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local DynamoDB: moto server (Apache-2.0, Python), run as a child process on a loopback port by our own
 * launcher ({@code moto_launcher.py} beside this class), speaking the real DynamoDB protocol. The launcher serves
 * one request at a time (DynamoDB's writes are atomic; moto's threaded server is not), undoes a cancelled
 * transaction by the items it names (moto copies whole tables, so its writes slow down as data grows), and with a
 * folder keeps the tables in {@code <folder>/dynamodb.json}: loaded at start, saved after changes and at stop.
 * Tables come from template.yaml's own definitions ({@link TableProvisioner}).
 *
 * <p>The child stops, saving first, when {@link #close()} is called, and also when this JVM dies: it watches its
 * standard input, which only this JVM holds open.
 */
public final class LocalDynamo implements AutoCloseable {
  /** The one interface every listener of the local stack binds to. */
  public static final String LOOPBACK = "127.0.0.1";
  /** What to say, word for word, where moto server is missing. */
  public static final String NOT_INSTALLED = "moto server is not installed (or not for this python3): "
      + "pip install 'moto[server]'";
  private static final String LAUNCHER = "moto_launcher.py";
  private static final long START_TIMEOUT_SECONDS = 60;
  private static LocalDynamo shared;
  private static Path launcher;

  private final Process process;
  private final URI endpoint;

  private LocalDynamo(Process process, int port) {
    this.process = process;
    this.endpoint = URI.create("http://" + LOOPBACK + ":" + port);
  }

  /**
   * Starts moto server on 127.0.0.1:{@code port} (0: a free port it picks itself), keeping data under
   * {@code dataDir}, or in memory when it is null. Fails with {@link #NOT_INSTALLED} where moto is missing.
   * The Python interpreter is {@code python3} from the PATH, or the one {@code BLOG_PYTHON} names.
   */
  public static synchronized LocalDynamo start(int port, Path dataDir) {
    List<String> command = new ArrayList<>(python());
    command.addAll(List.of(launcher().toString(), "--port", String.valueOf(port), "--account", LocalAccount.ACCOUNT,
        "--region", LocalAccount.REGION));
    if (dataDir != null) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      command.addAll(List.of("--data", dataDir.toAbsolutePath().toString()));
    }
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new IllegalStateException(NOT_INSTALLED + " (" + String.join(" ", python()) + " did not start: "
          + e.getMessage() + ")", e);
    }
    Deque<String> errors = new ArrayDeque<>();
    pump(process.getErrorStream(), errors);
    CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> readPort(process.getInputStream()));
    try {
      int chosen = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (chosen <= 0) {
        process.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(failure(process, errors));
      }
      return new LocalDynamo(process, chosen);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("moto server did not start within " + START_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while moto server started", e);
    } catch (java.util.concurrent.ExecutionException e) {
      process.destroyForcibly();
      throw new IllegalStateException(failure(process, errors), e);
    }
  }

  private static String failure(Process process, Deque<String> errors) {
    String said;
    synchronized (errors) {
      said = String.join("\n", errors);
    }
    if (said.contains(NOT_INSTALLED) || said.contains("No module named")) {
      return NOT_INSTALLED;
    }
    if (said.contains("Address already in use")) {
      return "moto server's port is taken (is ./dev start already running?)";
    }
    return "moto server did not start" + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")")
        + (said.isBlank() ? "" : ": " + said);
  }

  /** The port of the launcher's first line, {@code listening <port>}; 0 when it ends without one. */
  private static int readPort(InputStream out) {
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("listening ")) {
          int port = Integer.parseInt(line.substring("listening ".length()).trim());
          Thread.ofVirtual().start(() -> drain(reader));
          return port;
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void drain(BufferedReader reader) {
    try {
      while (reader.readLine() != null) {
        // nothing else is printed on stdout; read so that the child never blocks on a full pipe
      }
    } catch (IOException ignored) {
      // the child is gone
    }
  }

  /** Copies the child's stderr to ours (moto warns there), keeping the last lines for a failure message. */
  private static void pump(InputStream err, Deque<String> last) {
    Thread.ofPlatform().daemon().name("moto-stderr").start(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (last) {
            last.addLast(line);
            if (last.size() > 20) {
              last.removeFirst();
            }
          }
          System.err.println("moto: " + line);
        }
      } catch (IOException ignored) {
        // the child is gone
      }
    });
  }

  /**
   * The interpreter and its options: the {@code blog.python} system property, else the {@code BLOG_PYTHON}
   * environment variable, else {@code python3} from the PATH.
   */
  private static List<String> python() {
    String configured = System.getProperty("blog.python", System.getenv("BLOG_PYTHON"));
    return configured == null || configured.isBlank() ? List.of("python3") : List.of(configured.trim().split("\\s+"));
  }

  /** The launcher script, copied out of this jar (or class folder) into a temporary file once per JVM. */
  private static synchronized Path launcher() {
    if (launcher != null && Files.isRegularFile(launcher)) {
      return launcher;
    }
    try (InputStream in = LocalDynamo.class.getResourceAsStream(LAUNCHER)) {
      if (in == null) {
        throw new IllegalStateException(LAUNCHER + " is missing beside " + LocalDynamo.class.getName());
      }
      Path file = Files.createTempFile("blog-moto-launcher-", ".py");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      launcher = file;
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One in-memory local DynamoDB for the whole test JVM. */
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

  /** Stops moto server; with a data folder it saves the tables first (waits up to 60 s for that). */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
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
