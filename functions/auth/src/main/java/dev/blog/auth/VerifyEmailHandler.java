package dev.blog.auth;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.AccountService;

/**
 * {@code POST /auth/verify-email} with {@code {email, code}} (public): confirms the address with the code sent to it.
 * A wrong, used or expired code is one 400 for all.
 */
public final class VerifyEmailHandler extends ApiHandler {
  record Body(String email, String code) {}

  private final AccountService accounts;

  public VerifyEmailHandler() {
    this(AuthComponent.create());
  }

  private VerifyEmailHandler(AuthComponent c) {
    this(c.accounts(), c.json());
    registerPriming(c.priming());
  }

  VerifyEmailHandler(AccountService accounts, Json json) {
    super(json);
    this.accounts = accounts;
  }


  /** SnapStart: a well-formed code for the priming address, redeemed (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/auth/verify-email")
        .jsonBody("{\"email\":\"" + PrimingData.EMAIL + "\",\"code\":\"" + PrimingData.CODE + "\"}");
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Body body = request.body(Body.class);
    accounts.verifyEmail(body.email(), body.code());
    return ApiResponse.noContent();
  }
}
