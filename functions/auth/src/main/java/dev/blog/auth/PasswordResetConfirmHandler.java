package dev.blog.auth;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.AccountService;

/**
 * {@code POST /auth/password-reset/confirm} with {@code {email, code, newPassword}} (public): a new password with the
 * emailed code; every session of the account ends and its lockout is cleared. A bad code is one 400 for all.
 */
public final class PasswordResetConfirmHandler extends ApiHandler {
  record Body(String email, String code, String newPassword) {
    @Override
    public String toString() {
      return "Body[email=" + email + ", <redacted>]";
    }
  }

  private final AccountService accounts;

  public PasswordResetConfirmHandler() {
    this(AuthComponent.create());
  }

  private PasswordResetConfirmHandler(AuthComponent c) {
    this(c.accounts(), c.json());
    registerPriming(c.priming());
  }

  PasswordResetConfirmHandler(AccountService accounts, Json json) {
    super(json);
    this.accounts = accounts;
  }


  /** SnapStart: a new password (Argon2 hashes it) with a well-formed code, redeemed. */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/auth/password-reset/confirm")
        .jsonBody("{\"email\":\"" + PrimingData.EMAIL + "\",\"code\":\"" + PrimingData.CODE
            + "\",\"newPassword\":\"priming-new-password\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Body body = request.body(Body.class);
    accounts.resetPassword(body.email(), body.code(), body.newPassword(), request.sourceIp().orElse(null));
    return ApiResponse.noContent();
  }
}
