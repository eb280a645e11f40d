package dev.blog.local.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one function's email reaches the local stack's mail catcher, and where its SES policy is checked. In AWS
 * the function sends through the SES API ({@code ses:SendEmail}); locally it speaks SMTP, which has no IAM, so the
 * stack gives each sending function an SMTP port of its own (the port is its credential), relays the dialogue to
 * the catcher command by command, and at {@code DATA}, when the sender and every recipient are known, asks
 * {@code check} whether that function may send from that address to those recipients ({@code ses:FromAddress},
 * {@code ses:Recipients} on the sending identity). A refused email is answered {@code 451 4.7.1} with AWS's
 * access-denied message: a failure the worker retries and finally dead-letters, as it treats SES's
 * AccessDeniedException (SES's own SMTP interface would say 554, but the deployed function never speaks SMTP).
 * A catcher that is down (the {@code smtp.down} fault) closes the connection before its greeting.
 */
final class SesSmtpGate implements AutoCloseable {
  /** The check: the refusal's text when the function may not send from {@code from} to {@code to}. */
  interface Check {
    Optional<String> denial(String from, List<String> to);
  }

  private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

  private final ServerSocket server;
  private final int upstreamPort;
  private final Check check;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  SesSmtpGate(int upstreamPort, Check check) {
    this.upstreamPort = upstreamPort;
    this.check = check;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.submit(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.submit(() -> relay(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket client) {
    try (client; Socket upstream = new Socket()) {
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
      BufferedReader fromClient = reader(client);
      BufferedReader fromUpstream = reader(upstream);
      OutputStream toClient = client.getOutputStream();
      OutputStream toUpstream = upstream.getOutputStream();
      copyReply(fromUpstream, toClient); // the greeting
      String from = "";
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = fromClient.readLine()) != null) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
        if (command.equals("MAIL")) {
          from = address(line);
          recipients.clear();
        } else if (command.equals("RCPT")) {
          recipients.add(address(line));
        } else if (command.equals("RSET")) {
          recipients.clear();
        } else if (command.equals("DATA")) {
          Optional<String> denial = check.denial(from, List.copyOf(recipients));
          if (denial.isPresent()) {
            write(toUpstream, "RSET");
            fromUpstream.readLine();
            write(toClient, "451 4.7.1 Access denied: " + denial.get());
            recipients.clear();
            continue;
          }
        }
        write(toUpstream, line);
        String reply = copyReply(fromUpstream, toClient);
        if (command.equals("DATA") && reply.startsWith("354")) {
          String content;
          while ((content = fromClient.readLine()) != null && !content.equals(".")) {
            write(toUpstream, content);
          }
          write(toUpstream, ".");
          copyReply(fromUpstream, toClient);
        } else if (command.equals("QUIT") || reply.isEmpty()) {
          return;
        }
      }
    } catch (IOException e) {
      // the catcher is down or a side hung up: the client sees its connection closed
    }
  }

  private static String address(String line) {
    Matcher m = ADDRESS.matcher(line);
    return m.find() ? m.group(1) : "";
  }

  /** Copies one reply (its continuation lines {@code 250-...} too) and answers its last line. */
  private static String copyReply(BufferedReader from, OutputStream to) throws IOException {
    String line;
    while ((line = from.readLine()) != null) {
      write(to, line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return line;
      }
    }
    return "";
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    threads.shutdownNow();
  }
}
