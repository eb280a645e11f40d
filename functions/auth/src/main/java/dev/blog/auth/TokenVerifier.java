package dev.blog.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.blog.core.security.Role;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies access tokens with the public keys only. The algorithm is pinned to ES256 (no "none", no
 * HMAC-with-the-public-key confusion), {@code typ} must be JWT, and {@code iss}, {@code aud}, {@code exp},
 * {@code nbf} are checked with a small clock skew
 * (https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html).
 */
public final class TokenVerifier {
  static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
  private static final int CLOCK_SKEW_SECONDS = 30;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public TokenVerifier(String publicJwks, String issuer, String audience) {
    JWKSet keys;
    try {
      keys = JWKSet.parse(publicJwks).toPublicJWKSet();
    } catch (ParseException e) {
      throw new IllegalStateException("JWT_PUBLIC_JWKS is not a JWK set", e);
    }
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHM, new ImmutableJWKSet<>(keys)));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
        new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "role", "iat", "nbf", "exp", "jti"));
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** What a valid token says, or empty for any token that is not exactly right. */
  public Optional<AccessToken> verify(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      Optional<Role> role = Role.fromWire(claims.getStringClaim("role"));
      String subject = claims.getSubject();
      if (role.isEmpty() || subject == null || subject.isBlank()) {
        return Optional.empty();
      }
      // A token issued before session epochs were kept has none: it belongs to the first epoch.
      Long epoch = claims.getLongClaim(AccessToken.SESSION_EPOCH);
      if (epoch != null && epoch < 0) {
        return Optional.empty();
      }
      return Optional.of(new AccessToken(subject, role.get(), claims.getExpirationTime().toInstant(),
          epoch == null ? 0 : epoch));
    } catch (Exception rejected) { // every parse, signature and claim failure means the same: deny
      return Optional.empty();
    }
  }
}
