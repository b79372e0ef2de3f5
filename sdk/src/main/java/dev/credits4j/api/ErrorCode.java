package dev.credits4j.api;

import java.net.URI;

/**
 * Every error the SDK raises, with a stable string code, a category and an RFC 9457 problem type.
 * Codes never change meaning once released; a unit test keeps them unique.
 */
public enum ErrorCode {
  INVALID_REQUEST("invalid-request", ErrorCategory.INVALID),
  INVALID_AMOUNT("invalid-amount", ErrorCategory.INVALID),
  REASON_REQUIRED("reason-required", ErrorCategory.INVALID),
  CURRENCY_MISMATCH("currency-mismatch", ErrorCategory.INVALID),
  INVALID_SETTINGS("invalid-settings", ErrorCategory.INVALID),
  INVALID_PACKAGE("invalid-package", ErrorCategory.INVALID),
  INVALID_OFFERING("invalid-offering", ErrorCategory.INVALID),
  SAME_WALLET_TRANSFER("same-wallet-transfer", ErrorCategory.INVALID),
  CROSS_WORKSPACE_TRANSFER("cross-workspace-transfer", ErrorCategory.INVALID),
  WORKSPACE_NOT_FOUND("workspace-not-found", ErrorCategory.NOT_FOUND),
  WALLET_NOT_FOUND("wallet-not-found", ErrorCategory.NOT_FOUND),
  ENTRY_NOT_FOUND("entry-not-found", ErrorCategory.NOT_FOUND),
  HOLD_NOT_FOUND("hold-not-found", ErrorCategory.NOT_FOUND),
  PACKAGE_NOT_FOUND("package-not-found", ErrorCategory.NOT_FOUND),
  OFFERING_NOT_FOUND("offering-not-found", ErrorCategory.NOT_FOUND),
  REQUEST_NOT_FOUND("request-not-found", ErrorCategory.NOT_FOUND),
  PURCHASE_NOT_FOUND("purchase-not-found", ErrorCategory.NOT_FOUND),
  UNKNOWN_GATEWAY("unknown-gateway", ErrorCategory.INVALID),
  PACKAGE_INACTIVE("package-inactive", ErrorCategory.CONFLICT),
  PACKAGE_NOT_ON_SALE("package-not-on-sale", ErrorCategory.CONFLICT),
  PURCHASE_LIMIT_REACHED("purchase-limit-reached", ErrorCategory.CONFLICT),
  PURCHASE_STATE("purchase-state", ErrorCategory.CONFLICT),
  NOTHING_TO_REFUND("nothing-to-refund", ErrorCategory.CONFLICT),
  PAYMENT_FAILED("payment-failed", ErrorCategory.UNAVAILABLE),
  WEBHOOK_REJECTED("webhook-rejected", ErrorCategory.INVALID),
  WORKSPACE_EXISTS("workspace-exists", ErrorCategory.CONFLICT),
  IDEMPOTENCY_CONFLICT("idempotency-conflict", ErrorCategory.CONFLICT),
  ENTRY_NOT_REVERSIBLE("entry-not-reversible", ErrorCategory.CONFLICT),
  ALREADY_REVERSED("already-reversed", ErrorCategory.CONFLICT),
  HOLD_NOT_ACTIVE("hold-not-active", ErrorCategory.CONFLICT),
  HOLD_EXPIRED("hold-expired", ErrorCategory.CONFLICT),
  SETTINGS_LOCKED("settings-locked", ErrorCategory.CONFLICT),
  OFFERING_INACTIVE("offering-inactive", ErrorCategory.CONFLICT),
  REQUEST_LIMIT_REACHED("request-limit-reached", ErrorCategory.CONFLICT),
  TOTAL_REQUEST_LIMIT_REACHED("total-request-limit-reached", ErrorCategory.CONFLICT),
  INVALID_REQUEST_TRANSITION("invalid-request-transition", ErrorCategory.CONFLICT),
  INSUFFICIENT_CREDITS("insufficient-credits", ErrorCategory.INSUFFICIENT_CREDITS),
  ACTOR_NOT_ALLOWED("actor-not-allowed", ErrorCategory.FORBIDDEN),
  MODULE_DISABLED("module-disabled", ErrorCategory.FORBIDDEN),
  // notifications
  NOTIFICATION_NOT_FOUND("notification-not-found", ErrorCategory.NOT_FOUND),
  NOTIFICATION_NOT_DEAD("notification-not-dead", ErrorCategory.CONFLICT),
  // webhooks
  WEBHOOK_ENDPOINT_NOT_FOUND("webhook-endpoint-not-found", ErrorCategory.NOT_FOUND),
  WEBHOOK_DELIVERY_NOT_FOUND("webhook-delivery-not-found", ErrorCategory.NOT_FOUND),
  // allotments
  ALLOTMENT_NOT_FOUND("allotment-not-found", ErrorCategory.NOT_FOUND),
  ALLOTMENT_STATE("allotment-state", ErrorCategory.CONFLICT),
  // subscriptions to recurring offerings
  SUBSCRIPTION_NOT_FOUND("subscription-not-found", ErrorCategory.NOT_FOUND),
  SUBSCRIPTION_STATE("subscription-state", ErrorCategory.CONFLICT),
  SUBSCRIPTION_EXISTS("subscription-exists", ErrorCategory.CONFLICT),
  OFFERING_NOT_RECURRING("offering-not-recurring", ErrorCategory.INVALID),
  OFFERING_RECURRING("offering-recurring", ErrorCategory.INVALID),
  // usage statements
  STATEMENT_NOT_FOUND("statement-not-found", ErrorCategory.NOT_FOUND),
  // auto top-up
  AUTO_TOP_UP_NOT_FOUND("auto-top-up-not-found", ErrorCategory.NOT_FOUND),
  PAYMENT_METHOD_SETUP("payment-method-setup", ErrorCategory.CONFLICT),
  CONTENTION("contention", ErrorCategory.UNAVAILABLE),
  /**
   * A serialization failure or deadlock inside a host's transaction, which the SDK cannot retry on
   * its own: the host's transaction is marked rollback-only; run the whole of it again.
   */
  RETRY_TRANSACTION("retry-transaction", ErrorCategory.UNAVAILABLE);

  /** Base of every problem {@code type} URI. */
  public static final String TYPE_BASE = "https://credits4j.dev/problems/";

  private final String code;
  private final ErrorCategory category;

  ErrorCode(String code, ErrorCategory category) {
    this.code = code;
    this.category = category;
  }

  /** The stable, kebab-case code, e.g. {@code insufficient-credits}. */
  public String code() {
    return code;
  }

  public ErrorCategory category() {
    return category;
  }

  /**
   * The RFC 9457 problem type URI, e.g. {@code
   * https://credits4j.dev/problems/insufficient-credits}.
   */
  public URI type() {
    return URI.create(TYPE_BASE + code);
  }
}
