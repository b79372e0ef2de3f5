package dev.credits4j.rest.security;

/** The API's roles, as the server's identity store grants them. */
public enum Role {
  /** Manages settings, packages, offerings and jobs; may do everything a team member may. */
  ADMIN("admin"),
  /** An agency team member: organizations, adjustments, transfers, purchases, requests, holds. */
  TEAM("team"),
  /** A member of one client organization: sees and acts on that organization only. */
  CLIENT("client");

  private final String roleName;

  Role(String roleName) {
    this.roleName = roleName;
  }

  /** The role's name in the identity store and in {@code @DeclareRoles}. */
  public String roleName() {
    return roleName;
  }
}
