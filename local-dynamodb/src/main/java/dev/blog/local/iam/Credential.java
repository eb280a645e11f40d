package dev.blog.local.iam;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4 {@code Authorization} header: who signed (the access key id) and for which region
 * and service. The local stack gives each function its logical id as access key id, so this names the function.
 * (The signature itself is not verified: every function's secret key is the same well-known local value.)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#add-signature-to-request
 */
record Credential(String accessKeyId, String region, String service) {
  private static final Pattern SCOPE = Pattern.compile(
      "^AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,");

  static Optional<Credential> parse(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    Matcher m = SCOPE.matcher(authorization.trim());
    return m.find() ? Optional.of(new Credential(m.group(1), m.group(2), m.group(3))) : Optional.empty();
  }
}
