package dev.blog.posts;

import dev.blog.core.audit.AuditListing;
import dev.blog.core.audit.AuditService;
import dev.blog.core.audit.AuditViews;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import java.util.List;

/** {@code GET /audit?targetId&limit&cursor}: admins read the audit log, newest first, optionally of one target. */
public final class ListAuditHandler extends ApiHandler {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  record Body(List<AuditViews.AuditView> data, PostResponses.Pagination pagination) {}

  private final AuditService audit;

  public ListAuditHandler() {
    this(PostsComponent.create());
  }

  private ListAuditHandler(PostsComponent c) {
    this(c.audit(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  ListAuditHandler(AuditService audit, Json json) {
    super(json);
    this.audit = audit;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("GET", "/audit").query("limit", "10").asAdmin();
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    int limit = request.queryInt("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    AuditListing page = audit.list(request.caller(), request.query("targetId"), limit, request.query("cursor"));
    return ApiResponse.ok(new Body(page.entries().stream().map(AuditViews::of).toList(),
        new PostResponses.Pagination(limit, page.nextCursor())));
  }
}
