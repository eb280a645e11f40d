package dev.blog.auth;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import dev.blog.core.user.AccountService;

/** {@code POST /auth/logout}: ends every session of the caller, this one included (their tokens stop working). */
public final class LogoutHandler extends ApiHandler {

  private final AccountService accounts;

  public LogoutHandler() {
    this(AuthComponent.create());
  }

  private LogoutHandler(AuthComponent c) {
    this(c.accounts(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  LogoutHandler(AccountService accounts, Json json) {
    super(json);
    this.accounts = accounts;
  }


  /** SnapStart: the caller ends its sessions (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/auth/logout").asAdmin();
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    accounts.logout(request.caller());
    return ApiResponse.noContent();
  }
}
