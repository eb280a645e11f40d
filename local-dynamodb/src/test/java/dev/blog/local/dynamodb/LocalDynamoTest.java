package dev.blog.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DynamoDB Local in this JVM, with the template's tables. */
class LocalDynamoTest {
  @Test
  void startingItWritesNothingToStdoutAndServesTheTemplatesTables() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LocalDynamo dynamo;
    try {
      dynamo = LocalDynamo.start(0, null);
    } finally {
      System.setOut(stdout);
    }
    try (dynamo) {
      assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
      String table = dynamo.createTables("-stdout-test").get("AppTable");
      try (var client = LocalDynamo.client(dynamo.endpoint())) {
        assertThat(client.describeTable(r -> r.tableName(table)).table().keySchema()).isNotEmpty();
      }
    }
  }

  @Test
  void itListensOnTheLoopbackInterfaceOnly() throws Exception {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        nic.inetAddresses().filter(a -> !a.isLinkLocalAddress()).forEach(others::add);
      }
    }
    Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but the loopback one");
    try (LocalDynamo dynamo = LocalDynamo.start(0, null)) {
      int port = dynamo.endpoint().getPort();
      try (Socket loopback = new Socket()) {
        loopback.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      }
      for (InetAddress address : others) {
        try (Socket socket = new Socket()) {
          assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2_000))
              .as("DynamoDB Local must not answer on %s", address).isInstanceOf(IOException.class);
        }
      }
    }
  }
}
