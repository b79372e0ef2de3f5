package dev.credits4j.rest.security;

import java.time.Instant;
import java.util.Objects;

/**
 * An API key of a workspace, as stored (never its secret): a machine client acting in {@code
 * workspace} only, as a team member ({@link Role#TEAM}) or as the client of {@code organization}
 * ({@link Role#CLIENT}).
 *
 * @param expiresAt when it stops working; null for never
 * @param revokedAt when an admin revoked it; null while it is not revoked
 * @param lastUsedAt when it last authenticated a request, to the minute; null if never
 */
public record ApiKey(
    String id,
    String workspace,
    String label,
    Role role,
    String organization,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String revokedBy,
    Instant lastUsedAt) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(role, "role");
    if (role != Role.TEAM && role != Role.CLIENT) {
      throw new IllegalArgumentException("an API key acts as team or client: " + role);
    }
    if ((role == Role.CLIENT) != (organization != null)) {
      throw new IllegalArgumentException("a client key has an organization, a team key none");
    }
  }

  /** Whether it authenticates requests at {@code now}: not revoked, not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** What it may do in its workspace, as a membership. */
  public Membership membership() {
    return new Membership(workspace, ApiKeyPrincipal.name(id), role, organization);
  }
}
