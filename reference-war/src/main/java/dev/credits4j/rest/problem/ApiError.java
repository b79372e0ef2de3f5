package dev.credits4j.rest.problem;

import dev.credits4j.api.ErrorCode;
import java.net.URI;

/**
 * Errors that only the HTTP layer raises (authentication, content negotiation, bodies,
 * Idempotency-Key reuse), each with its status and a stable RFC 9457 {@code type} URI under the
 * same base as {@link ErrorCode}'s; a test keeps the codes of both apart.
 */
public enum ApiError {
  UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
  FORBIDDEN("forbidden", 403, "Forbidden"),
  CSRF_TOKEN_INVALID("csrf-token-invalid", 403, "CSRF token missing or wrong"),
  NOT_FOUND("not-found", 404, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
  MALFORMED_BODY("malformed-body", 400, "Malformed request body"),
  BAD_REQUEST("bad-request", 400, "Bad request"),
  IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409, "Idempotency-Key in use"),
  LAST_ADMIN("last-admin", 409, "A workspace keeps at least one admin"),
  NOT_CONFIGURED("not-configured", 503, "Not configured"),
  DATABASE_UNAVAILABLE("database-unavailable", 503, "Database unavailable"),
  INTERNAL("internal-error", 500, "Internal server error");

  private final String code;
  private final int status;
  private final String title;

  ApiError(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public URI type() {
    return URI.create(ErrorCode.TYPE_BASE + code);
  }
}
