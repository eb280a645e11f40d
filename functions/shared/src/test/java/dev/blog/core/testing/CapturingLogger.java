package dev.blog.core.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda logger that keeps what a function logs, so tests can check what is (and is not) logged. */
public final class CapturingLogger implements LambdaLogger {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void log(String message) {
    lines.add(message);
  }

  @Override
  public void log(byte[] message) {
    lines.add(new String(message, StandardCharsets.UTF_8));
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public String all() {
    return String.join("\n", lines);
  }
}
