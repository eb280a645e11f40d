package dev.blog.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.blog.core.user.User;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signs access tokens (ES256, {@code kid} in the header, one hour), with the user's current session epoch (a
 * logout, a password change or reset, or a delete moves it on, and the token stops working). Only the login function has the
 * private key: it comes from Secrets Manager on the first login, not at init, so it is never part of a
 * SnapStart snapshot.
 */
public final class TokenIssuer {
  public static final Duration LIFETIME = Duration.ofHours(1);

  private final Supplier<String> privateJwk;
  private final String issuer;
  private final String audience;
  private final Clock clock;
  private volatile Signer signer;

  private record Signer(ECDSASigner signer, String keyId) {}

  public TokenIssuer(Supplier<String> privateJwk, String issuer, String audience, Clock clock) {
    this.privateJwk = privateJwk;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  public String issue(User user) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(user.id())
        .claim("role", user.role().wire())
        .claim(AccessToken.SESSION_EPOCH, user.sessionEpoch())
        .issuer(issuer)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    Signer s = signer();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(TokenVerifier.ALGORITHM).keyID(s.keyId()).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(s.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not sign a token", e);
    }
    return jwt.serialize();
  }

  private Signer signer() {
    Signer current = signer;
    if (current == null) {
      try {
        ECKey key = ECKey.parse(privateJwk.get());
        if (!key.isPrivate() || key.getKeyID() == null) {
          throw new IllegalStateException("The signing key must be a private EC JWK with a kid");
        }
        current = new Signer(new ECDSASigner(key), key.getKeyID());
        signer = current;
      } catch (ParseException | JOSEException e) {
        throw new IllegalStateException("The signing key secret is not a P-256 private JWK", e);
      }
    }
    return current;
  }
}
