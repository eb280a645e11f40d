package dev.blog.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The emails the local stack caught (GET /_local/emails), as a user reads their inbox: the codes in them. */
final class Mailbox {
  private static final Pattern CODE = Pattern.compile("(?m)^code: ([A-Za-z0-9_-]+)$");

  private final Api api;

  Mailbox(Api api) {
    this.api = api;
  }

  List<JsonNode> to(String address) {
    List<JsonNode> found = new ArrayList<>();
    api.get("/_local/emails", null).json().forEach(email -> {
      if (email.get("to").asText().equals(address)) {
        found.add(email);
      }
    });
    return found;
  }

  /** The code of the {@code nth} email (from 1) to {@code address} whose subject contains {@code subject}, once it arrives. */
  String code(String address, String subject, int nth) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<JsonNode> matching = to(address).stream().filter(e -> e.get("subject").asText().contains(subject)).toList();
      if (matching.size() >= nth) {
        Matcher code = CODE.matcher(matching.get(nth - 1).get("text").asText());
        if (!code.find()) {
          throw new AssertionError("no code in " + matching.get(nth - 1));
        }
        return code.group(1);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no email '" + subject + "' number " + nth + " to " + address + " within 60 s");
      }
      Thread.sleep(250);
    }
  }
}
