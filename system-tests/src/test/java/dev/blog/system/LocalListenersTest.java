package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract's "every listener of the local stack binds to 127.0.0.1 only", checked on what the kernel says:
 * every TCP socket that this JVM (which runs the stack: gateway, ElasticMQ, GreenMail, the proxies in front of the
 * servers, each function's Runtime API) and the processes it started (moto server, the functions' JVMs) listen on,
 * found through /proc (Linux only).
 */
class LocalListenersTest {
  private static final String LISTEN = "0A";

  @Test
  void everySocketTheLocalStackListensOnIsBoundToTheLoopbackAddress() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
    Api api = LocalStackFixture.api();
    assertThat(api.get("/.well-known/jwks.json", null).status()).isEqualTo(200); // a function's Runtime API too

    Set<String> ours = socketInodes();
    List<String> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      List<String> rows = Files.readAllLines(path);
      for (String line : rows.subList(1, rows.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals(LISTEN) && ours.contains(f[9])) {
          listening.add(f[1]);
        }
      }
    }
    assertThat(listening).as("sockets the stack listens on").hasSizeGreaterThanOrEqualTo(6);
    // 127.0.0.1 in /proc's little-endian hex, as an IPv4 socket or as an IPv4-mapped IPv6 one.
    assertThat(listening).allSatisfy(address -> assertThat(address.split(":")[0])
        .isIn("0100007F", "0000000000000000FFFF00000100007F"));
  }

  private static Set<String> socketInodes() throws IOException {
    Set<String> inodes = new HashSet<>();
    List<Long> processes = new ArrayList<>(List.of(ProcessHandle.current().pid()));
    ProcessHandle.current().descendants().forEach(child -> processes.add(child.pid()));
    for (long pid : processes) {
      try {
        inodes.addAll(socketInodes(Path.of("/proc", String.valueOf(pid), "fd")));
      } catch (IOException gone) {
        // a process that ended while we looked
      }
    }
    return inodes;
  }

  private static Set<String> socketInodes(Path fdDir) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(fdDir)) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // a descriptor closed while we looked
        }
      }
    }
    return inodes;
  }
}
