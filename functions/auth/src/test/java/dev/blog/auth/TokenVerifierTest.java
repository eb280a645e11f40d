package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  static final String ISSUER = "https://blog.example.dev";
  static final String AUDIENCE = "blog-api";
  static final ECKey KEY = generate("key-1");
  static final ECKey OTHER_KEY = generate("key-1"); // same kid, different key: a forgery

  private final TokenVerifier verifier = new TokenVerifier(new JWKSet(KEY.toPublicJWK()).toString(), ISSUER, AUDIENCE);
  private final User ada = new User("0190f3a0-0000-7000-8000-000000000002", "ada@example.com", "Ada", null,
      Role.MODERATOR, Instant.now(), Instant.now(), 1);

  static ECKey generate(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(ECKey key, UnaryOperator<JWTClaimsSet.Builder> claims) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject("u1").claim("role", "user").issuer(ISSUER)
        .audience(AUDIENCE).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600))).jwtID("j1");
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
        claims.apply(builder).build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Test
  void aTokenFromTheIssuerIsAccepted() {
    TokenIssuer issuer = new TokenIssuer(KEY::toJSONString, ISSUER, AUDIENCE, Clock.systemUTC());
    assertThat(verifier.verify(issuer.issue(ada)).map(AccessToken::caller)).contains(new Caller(ada.id(), Role.MODERATOR));
  }

  @Test
  void issuedTokensCarryEveryContractClaimAndTheKid() throws Exception {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    String token = new TokenIssuer(KEY::toJSONString, ISSUER, AUDIENCE, Clock.fixed(now, ZoneOffset.UTC)).issue(ada);
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-1");
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(ada.id());
    assertThat(claims.getStringClaim("role")).isEqualTo("moderator");
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly(AUDIENCE);
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(now);
    assertThat(Duration.between(now, claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofHours(1));
    assertThat(claims.getJWTID()).isNotBlank();
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
    assertThat(verifier.verify(sign(OTHER_KEY, b -> b))).isEmpty();
  }

  @Test
  void anExpiredTokenIsRejected() throws Exception {
    assertThat(verifier.verify(sign(KEY, b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120)))))).isEmpty();
  }

  @Test
  void aTokenNotYetValidIsRejected() throws Exception {
    assertThat(verifier.verify(sign(KEY, b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))))).isEmpty();
  }

  @Test
  void aSmallClockSkewIsTolerated() throws Exception {
    assertThat(verifier.verify(sign(KEY, b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(5)))))).isPresent();
  }

  @Test
  void wrongIssuerOrAudienceIsRejected() throws Exception {
    assertThat(verifier.verify(sign(KEY, b -> b.issuer("https://evil.example")))).isEmpty();
    assertThat(verifier.verify(sign(KEY, b -> b.audience("another-api")))).isEmpty();
  }

  @Test
  void aTokenWithoutRoleOrWithAnUnknownRoleIsRejected() throws Exception {
    assertThat(verifier.verify(sign(KEY, b -> b.claim("role", null)))).isEmpty();
    assertThat(verifier.verify(sign(KEY, b -> b.claim("role", "superuser")))).isEmpty();
  }

  @Test
  void anUnsignedTokenIsRejected() {
    String none = new PlainJWT(new JWTClaimsSet.Builder().subject("u1").claim("role", "admin").issuer(ISSUER)
        .audience(AUDIENCE).expirationTime(Date.from(Instant.now().plusSeconds(60))).build()).serialize();
    assertThat(verifier.verify(none)).isEmpty();
  }

  @Test
  void anHmacTokenKeyedWithThePublicKeyIsRejected() throws Exception {
    // The classic algorithm-confusion attack: HS256 with the public key bytes as the shared secret.
    byte[] publicBytes = KEY.toPublicJWK().toJSONString().getBytes();
    byte[] secret = java.util.Arrays.copyOf(publicBytes, Math.max(32, publicBytes.length));
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").type(JOSEObjectType.JWT).build(),
        new JWTClaimsSet.Builder().subject("u1").claim("role", "admin").issuer(ISSUER).audience(AUDIENCE)
            .issueTime(new Date()).notBeforeTime(new Date()).jwtID("j").expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
    jwt.sign(new MACSigner(secret));
    assertThat(verifier.verify(jwt.serialize())).isEmpty();
  }

  @Test
  void aTamperedPayloadIsRejected() throws Exception {
    String[] parts = sign(KEY, b -> b).split("\\.");
    String adminPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"user\"", "\"admin\"").getBytes());
    assertThat(verifier.verify(parts[0] + "." + adminPayload + "." + parts[2])).isEmpty();
  }

  @Test
  void garbageIsRejected() {
    for (String garbage : new String[] {"", "abc", "a.b.c", "eyJhbGciOiJub25lIn0..", null}) {
      assertThat(verifier.verify(garbage)).isEmpty();
    }
  }
}
