package dev.credits4j.rest.dto;

import dev.credits4j.rest.security.ApiKey;
import java.time.Instant;

/**
 * An API key as its workspace's admins see it: never its secret, except {@code key} in the answer
 * to its creation (shown once). {@code role} is {@code team} or {@code client}; {@code
 * organization} the client key's organization; {@code status} {@code ACTIVE}, {@code EXPIRED} or
 * {@code REVOKED}; {@code lastUsedAt} to the minute.
 */
public record ApiKeyResponse(
    String id,
    String label,
    String role,
    String organization,
    String status,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    Instant revokedAt,
    String revokedBy,
    Instant lastUsedAt,
    String key) {

  /** The key without its secret, its status as of {@code now}. */
  public static ApiKeyResponse of(ApiKey k, Instant now) {
    return withSecret(k, now, null);
  }

  /** The key with its whole text {@code token}: only in the answer to its creation. */
  public static ApiKeyResponse withSecret(ApiKey k, Instant now, String token) {
    String status = k.revokedAt() != null ? "REVOKED" : k.activeAt(now) ? "ACTIVE" : "EXPIRED";
    return new ApiKeyResponse(
        k.id(),
        k.label(),
        k.role().roleName(),
        k.organization(),
        status,
        k.createdAt(),
        k.createdBy(),
        k.expiresAt(),
        k.revokedAt(),
        k.revokedBy(),
        k.lastUsedAt(),
        token);
  }

  @Override
  public String toString() {
    return "ApiKeyResponse[" + id + "]"; // never the secret
  }
}
