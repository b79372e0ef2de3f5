package dev.credits4j.rest.security;

import java.util.Objects;

/**
 * A principal's place in one workspace: {@link Role#ADMIN} or {@link Role#TEAM} (staff), or {@link
 * Role#CLIENT} bound to one organization of that workspace.
 *
 * @param organization the client's organization; null for staff
 */
public record Membership(String workspace, String principal, Role role, String organization) {
  public Membership {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(role, "role");
    if (!role.isMemberRole()) {
      throw new IllegalArgumentException("a member is an admin, team member or client: " + role);
    }
    if ((role == Role.CLIENT) != (organization != null)) {
      throw new IllegalArgumentException(
          "a client member has an organization, and staff none: " + role + " " + organization);
    }
  }

  /** A staff member (admin or team). */
  public static Membership staff(String workspace, String principal, Role role) {
    return new Membership(workspace, principal, role, null);
  }

  /** A client of {@code organization}. */
  public static Membership client(String workspace, String principal, String organization) {
    return new Membership(workspace, principal, Role.CLIENT, organization);
  }
}
