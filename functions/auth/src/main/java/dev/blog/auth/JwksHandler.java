package dev.blog.auth;

import com.nimbusds.jose.jwk.JWKSet;
import dev.blog.core.config.Settings;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import java.text.ParseException;
import java.util.Map;

/** {@code GET /.well-known/jwks.json}: the public keys that verify our tokens, never a private part. */
public final class JwksHandler extends ApiHandler {
  private final Map<String, Object> publicKeys;

  public JwksHandler() {
    this(AuthComponent.create());
  }

  private JwksHandler(AuthComponent c) {
    this(c.settings(), c.json());
    registerPriming(c.priming());
  }

  JwksHandler(Settings settings, Json json) {
    super(json);
    try {
      // toPublicJWKSet drops private members even if a private key were configured by mistake.
      this.publicKeys = JWKSet.parse(settings.jwtPublicJwks()).toPublicJWKSet().toJSONObject(true);
    } catch (ParseException e) {
      throw new IllegalStateException("JWT_PUBLIC_JWKS is not a JWK set", e);
    }
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/.well-known/jwks.json");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return ApiResponse.ok(publicKeys).withHeader("Cache-Control", "public, max-age=300");
  }
}
