package dev.blog.auth;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.AccountService;

/**
 * {@code PUT /me/password} with {@code {currentPassword, newPassword}}: the caller proves the current password
 * (400 naming {@code currentPassword} if wrong, 429 while the lockout holds) and gets a new one; every session ends,
 * this one included.
 */
public final class ChangePasswordHandler extends ApiHandler {
  record Body(String currentPassword, String newPassword) {
    @Override
    public String toString() {
      return "Body[<redacted>]";
    }
  }

  private final AccountService accounts;

  public ChangePasswordHandler() {
    this(AuthComponent.create());
  }

  private ChangePasswordHandler(AuthComponent c) {
    this(c.accounts(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  ChangePasswordHandler(AccountService accounts, Json json) {
    super(json);
    this.accounts = accounts;
  }


  /** SnapStart: the right current password (Argon2 verifies it), a new one (Argon2 hashes it), every session ended. */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("PUT", "/me/password").asAdmin()
        .jsonBody("{\"currentPassword\":\"" + PrimingData.PASSWORD + "\",\"newPassword\":\"priming-new-password\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    var caller = request.caller(); // before reading the body: no caller, no parsing
    Body body = request.body(Body.class);
    accounts.changePassword(caller, body.currentPassword(), body.newPassword());
    return ApiResponse.noContent();
  }
}
