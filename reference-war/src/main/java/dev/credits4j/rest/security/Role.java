package dev.credits4j.rest.security;

/**
 * The API's roles. The server's identity store grants a principal its role; a workspace's
 * membership ({@link WorkspaceMemberships}) says in which workspaces a principal acts, and as what.
 */
public enum Role {
  /**
   * Manages a workspace: settings, packages, offerings, jobs, members; and what a team member may.
   */
  ADMIN("admin"),
  /** An agency team member: organizations, adjustments, transfers, purchases, requests, holds. */
  TEAM("team"),
  /** A member of one client organization of one workspace: sees and acts on it only. */
  CLIENT("client"),
  /** The platform's operator: creates workspaces (with their first admins); a member of none. */
  OPERATOR("operator");

  private final String roleName;

  Role(String roleName) {
    this.roleName = roleName;
  }

  /** The role's name in the identity store and in {@code @DeclareRoles}. */
  public String roleName() {
    return roleName;
  }

  /** The role named {@code name} (as in the identity store), or null. */
  public static Role named(String name) {
    for (Role r : values()) {
      if (r.roleName.equals(name)) {
        return r;
      }
    }
    return null;
  }

  /** Whether this role is one of a workspace's members: admin, team or client. */
  public boolean isMemberRole() {
    return this != OPERATOR;
  }
}
