package dev.blog.auth;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.AccountService;

/**
 * {@code POST /auth/password-reset} with {@code {email}} (public): 202 whether or not an account has the address (a
 * reset code is emailed if one does), in about the same time.
 */
public final class PasswordResetHandler extends ApiHandler {
  record Body(String email) {}

  private final AccountService accounts;

  public PasswordResetHandler() {
    this(AuthComponent.create());
  }

  private PasswordResetHandler(AuthComponent c) {
    this(c.accounts(), c.json());
    registerPriming(c.priming());
  }

  PasswordResetHandler(AccountService accounts, Json json) {
    super(json);
    this.accounts = accounts;
  }


  /** SnapStart: a reset asked for an address that has an account (a code issued, its email queued). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/auth/password-reset").jsonBody("{\"email\":\"" + PrimingData.EMAIL + "\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Body body = request.body(Body.class);
    accounts.requestPasswordReset(body.email());
    return ApiResponse.accepted();
  }
}
