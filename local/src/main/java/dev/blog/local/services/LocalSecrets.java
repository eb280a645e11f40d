package dev.blog.local.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.SecretDef;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * The values that Secrets Manager and the deployment's parameters hold in AWS, made up locally: an ES256
 * key pair (the private JWK is the value of {@value #SIGNING_KEY_SECRET}, the public JWK set the value of
 * the {@value #PUBLIC_JWKS_PARAMETER} parameter), and a random string for every other secret, as the
 * template's GenerateSecretString does. Kept in .data/local-secrets.json (owner-only) so tokens and
 * cursors stay valid across restarts; never used outside the local stack.
 */
public final class LocalSecrets {
  public static final String SIGNING_KEY_SECRET = "SigningKeySecret";
  public static final String PUBLIC_JWKS_PARAMETER = "JwtPublicJwks";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Template template;
  private final Map<String, String> values;

  private LocalSecrets(Template template, Map<String, String> values) {
    this.template = template;
    this.values = values;
  }

  /** Secret values by logical id, and the public JWK set under {@value #PUBLIC_JWKS_PARAMETER}. */
  public static LocalSecrets forTemplate(Template template, Path dataDir) {
    Map<String, String> values = new LinkedHashMap<>();
    Path file = dataDir == null ? null : dataDir.resolve("local-secrets.json");
    try {
      if (file != null && Files.exists(file)) {
        JSON.readTree(file.toFile()).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
      }
      boolean changed = false;
      for (SecretDef secret : template.secrets()) {
        String id = secret.logicalId();
        if (values.containsKey(id)) {
          continue;
        }
        changed = true;
        if (id.equals(SIGNING_KEY_SECRET)) {
          String[] pair = signingKeyPair();
          values.put(id, pair[0]);
          values.put(PUBLIC_JWKS_PARAMETER, pair[1]);
        } else {
          values.put(id, randomString(secret.generatedLength()));
        }
      }
      if (changed && file != null) {
        Files.createDirectories(dataDir);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        ObjectNode node = JSON.createObjectNode();
        values.forEach(node::put);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LocalSecrets(template, Map.copyOf(values));
  }

  public String secret(String logicalId) {
    return values.get(logicalId);
  }

  /** The value of the {@value #PUBLIC_JWKS_PARAMETER} parameter: the public half of the signing key. */
  public String publicJwks() {
    return values.get(PUBLIC_JWKS_PARAMETER);
  }

  /**
   * Puts every secret of the template into the Secrets Manager at {@code endpoint} (moto server's), named by its
   * logical id, as the stack's deployment creates them. The functions ask for a secret by the ARN that {@code !Ref}
   * gives them, here {@link LocalAccount#secretArn} without Secrets Manager's random suffix: a partial ARN, which
   * Secrets Manager (and moto) resolve to the secret of that name. A secret already there (a running stack's, for
   * {@code ./dev invoke}) is given this value again.
   * See https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen
   */
  public void putInto(URI endpoint) {
    try (SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(endpoint)
        .region(Region.of(LocalAccount.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      for (SecretDef secret : template.secrets()) {
        String value = values.get(secret.logicalId());
        try {
          client.createSecret(r -> r.name(secret.logicalId()).secretString(value));
        } catch (ResourceExistsException kept) {
          client.putSecretValue(r -> r.secretId(secret.logicalId()).secretString(value));
        }
      }
    }
  }

  private static String randomString(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }

  /** A P-256 key pair as {private JWK, public JWK set}, the format of `./dev keygen`. */
  private static String[] signingKeyPair() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = generator.generateKeyPair();
      ECPublicKey pub = (ECPublicKey) pair.getPublic();
      ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
      ObjectNode jwk = JSON.createObjectNode();
      jwk.put("kty", "EC").put("crv", "P-256").put("use", "sig").put("alg", "ES256")
          .put("kid", "local-" + UUID.randomUUID())
          .put("x", coordinate(pub.getW().getAffineX())).put("y", coordinate(pub.getW().getAffineY()));
      ObjectNode publicJwks = JSON.createObjectNode();
      publicJwks.putArray("keys").add(jwk.deepCopy());
      jwk.put("d", coordinate(priv.getS()));
      return new String[] {JSON.writeValueAsString(jwk), JSON.writeValueAsString(publicJwks)};
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No P-256 support in this JDK", e);
    }
  }

  /** RFC 7518 section 6.2.1.2: a coordinate is the full 32-byte big-endian value, base64url. */
  private static String coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
