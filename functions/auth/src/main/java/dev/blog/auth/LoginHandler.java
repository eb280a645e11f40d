package dev.blog.auth;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.UserRules;
import dev.blog.core.user.UserViews;
import dev.blog.core.validation.Validator;

/** {@code POST /auth/login}: email and password for a one-hour bearer token. */
public final class LoginHandler extends ApiHandler {
  record Body(String email, String password) {}

  record TokenResponse(String token, String tokenType, long expiresIn, UserViews.FullUser user) {}

  private final LoginService login;

  public LoginHandler() {
    this(AuthComponent.create());
  }

  private LoginHandler(AuthComponent c) {
    this(c.login(), c.json());
    registerPriming(c.priming());
  }

  LoginHandler(LoginService login, Json json) {
    super(json);
    this.login = login;
  }

  /** SnapStart: a wrong password for a found account (Argon2 runs), so no token is signed: no key is fetched. */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/auth/login")
        .jsonBody("{\"email\":\"" + PrimingData.EMAIL + "\",\"password\":\"" + PrimingData.WRONG_PASSWORD + "\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Body body = request.body(Body.class);
    // The sign-up rule: an address no account can have is a 400 (and never reaches the store, where an
    // over-long one would not even fit in a key), not a failed login that counts towards a lockout.
    Validator v = new Validator();
    UserRules.email(v, "email", UserRules.normalizeEmail(body.email()));
    v.check(body.password() != null && !body.password().isEmpty(), "password", "is required").throwIfInvalid();
    LoginService.Login result = login.login(body.email(), body.password(), request.sourceIp().orElse(null));
    return ApiResponse.ok(new TokenResponse(result.token(), "Bearer", TokenIssuer.LIFETIME.toSeconds(),
            UserViews.full(result.user())))
        .withHeader("Cache-Control", "no-store"); // RFC 6749 §5.1: token responses are never cached
  }
}
