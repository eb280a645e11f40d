package dev.blog.core.snapstart;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A client's credentials, except in a priming run: there the request is signed (so SigV4 signing runs as it
 * does on a first request) with obviously fake static credentials, and the real provider is not asked. So a
 * snapshot never holds credentials: with SnapStart, Lambda hands out the real ones only after restore
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html).
 */
public final class PrimingCredentials implements AwsCredentialsProvider {
  /** The access key id of every priming signature; {@link PrimingHttpClient} answers only requests signed with it. */
  static final String ACCESS_KEY_ID = "PRIMINGNOTAKEY";
  private static final AwsCredentials FAKE = AwsBasicCredentials.create(ACCESS_KEY_ID, "priming-not-a-secret");

  private final AwsCredentialsProvider real;

  private PrimingCredentials(AwsCredentialsProvider real) {
    this.real = real;
  }

  public static AwsCredentialsProvider around(AwsCredentialsProvider real) {
    return new PrimingCredentials(real);
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return Priming.currentRun().isPresent() ? FAKE : real.resolveCredentials();
  }
}
