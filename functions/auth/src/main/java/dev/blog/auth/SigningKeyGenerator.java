package dev.blog.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * {@code ./dev keygen [dir]}: a new P-256 signing key pair for a deployment. Writes the private JWK
 * (for Secrets Manager, owner-readable only) and the public JWK set (the JwtPublicJwks parameter).
 */
public final class SigningKeyGenerator {
  private SigningKeyGenerator() {}

  public static void main(String[] args) throws JOSEException, IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
        .keyID(UUID.randomUUID().toString()).generate();
    Path privateFile = dir.resolve("signing-key.private.jwk.json");
    Files.deleteIfExists(privateFile);
    Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(privateFile, key.toJSONString());
    Path publicFile = dir.resolve("signing-key.public.jwks.json");
    Files.writeString(publicFile, new JWKSet(key.toPublicJWK()).toString());
    System.out.println("private key (put it in SigningKeySecret): " + privateFile.toAbsolutePath());
    System.out.println("public JWK set (the JwtPublicJwks parameter): " + publicFile.toAbsolutePath());
  }
}
