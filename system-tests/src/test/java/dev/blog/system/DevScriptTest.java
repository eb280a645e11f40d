package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The {@code ./dev} script itself, as a user runs it: {@code start --faults} and {@code /_local/faults} over HTTP,
 * {@code invoke} with nothing but the function's JSON on stdout, {@code redrive}, and a stop and a start again
 * that keep the data (moto saves its tables at stop). Runs the stack on the contract's fixed server ports
 * (DynamoDB 8000, SQS 9324, SMTP 2525), so it fails if another {@code ./dev start} runs on this machine.
 */
class DevScriptTest {
  private static final Path PROJECT = LocalStackFixture.projectDir();
  private static final Pattern READY = Pattern.compile("ready in (\\d+) ms");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A running {@code ./dev start}, its output collected. */
  private record Started(Process process, Path output) implements AutoCloseable {
    String said() throws IOException {
      return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy(); // SIGTERM, as Ctrl-C ends it: the stack stops and moto saves the tables
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static ProcessBuilder dev(String... args) {
    List<String> command = new ArrayList<>(List.of(PROJECT.resolve("dev").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
    builder.environment().put("DEV_NO_BUILD", "1"); // `mvn verify` has just built every jar
    return builder;
  }

  private static Started start(int port, Path data, Path output, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("start", "--port", String.valueOf(port), "--data", data.toString()));
    args.addAll(List.of(more));
    Process process = dev(args.toArray(String[]::new)).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    Started started = new Started(process, output);
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!READY.matcher(started.said()).find()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        started.close();
        throw new AssertionError("./dev start did not serve:\n" + started.said());
      }
      Thread.sleep(200);
    }
    return started;
  }

  private record Ran(int exit, String stdout, String stderr) {}

  private static Ran run(String... args) throws Exception {
    Process process = dev(args).start();
    var out = process.getInputStream().readAllBytes();
    var err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Ran(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static long readyMillis(String said) {
    Matcher ready = READY.matcher(said);
    assertThat(ready.find()).isTrue();
    return Long.parseLong(ready.group(1));
  }

  @Test
  void startFaultsInvokeRedriveAndARestartThatKeepsTheData(@TempDir Path data, @TempDir Path logs) throws Exception {
    int port = freePort();
    String email = "dev-script-" + UUID.randomUUID() + "@example.com";
    String register = "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":\"Dev Script\"}";
    long firstStart;
    try (Started stack = start(port, data, logs.resolve("first.log"), "--faults", "{\"dynamodb\":{\"throttleRate\":1}}")) {
      firstStart = readyMillis(stack.said());
      // --faults is in force from the start, and /_local/faults tells and changes it over HTTP
      JsonNode faults = Api.JSON.readTree(send(port, "GET", "/_local/faults", null).body());
      assertThat(faults.at("/dynamodb/throttleRate").asDouble()).isEqualTo(1.0);
      HttpResponse<String> throttled = send(port, "POST", "/auth/register", register);
      assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(503);
      assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
      HttpResponse<String> cleared = send(port, "PUT", "/_local/faults", "{\"sqs\":{\"errorRate\":0}}");
      assertThat(Api.JSON.readTree(cleared.body()).has("dynamodb")).as(cleared.body()).isFalse();
      assertThat(send(port, "DELETE", "/_local/faults", null).statusCode()).isEqualTo(200);
      assertThat(send(port, "POST", "/auth/register", register).statusCode()).isEqualTo(201);

      // ./dev invoke: the function's answer on stdout and nothing else, so `| jq` works
      Ran invoked = run("invoke", "GetUserFunction", "-e", "events/get-user.json");
      assertThat(invoked.exit()).as(invoked.stderr()).isZero();
      JsonNode answer = Api.JSON.readTree(invoked.stdout());
      assertThat(answer.get("statusCode").asInt()).as(invoked.stdout()).isEqualTo(200);
      assertThat(invoked.stdout().strip()).isEqualTo(answer.toString());

      // ./dev redrive: a dead letter goes back to its queue, and its email goes out
      try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:9324")).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(UrlConnectionHttpClient.create()).build()) {
        String dlq = sqs.getQueueUrl(r -> r.queueName("EmailDeadLetterQueue")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody("{\"idempotencyKey\":\"dev-redrive-" + port
            + "\",\"to\":\"redriven-" + port + "@example.com\",\"subject\":\"Late\",\"text\":\"t\"}"));
      }
      Ran redriven = run("redrive", "--port", String.valueOf(port));
      assertThat(redriven.exit()).as(redriven.stderr()).isZero();
      assertThat(Api.JSON.readTree(redriven.stdout()).get("EmailDeadLetterQueue").asInt()).isEqualTo(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!send(port, "GET", "/_local/emails", null).body().contains("redriven-" + port + "@example.com")) {
        assertThat(System.nanoTime()).as("the redriven email is sent").isLessThan(deadline);
        Thread.sleep(250);
      }
    }
    try (Started again = start(port, data, logs.resolve("second.log"))) {
      HttpResponse<String> login = send(port, "POST", "/auth/login",
          "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
      assertThat(login.statusCode()).as("the account registered before the restart: " + login.body()).isEqualTo(200);
      assertThat(send(port, "POST", "/auth/register", register).statusCode()).as("still taken").isEqualTo(409);
      RunSummary.figure("./dev start, first (empty data dir): ready in ms", firstStart);
      RunSummary.figure("./dev start, again (data kept): ready in ms", readyMillis(again.said()));
    }
  }
}
