package dev.credits4j.rest.dto;

import dev.credits4j.rest.security.Membership;

/**
 * A member of a workspace: {@code role} is {@code admin}, {@code team} or {@code client}; {@code
 * organization} is the client's organization (absent for staff).
 */
public record MemberResponse(String principal, String role, String organization) {
  public static MemberResponse of(Membership m) {
    return new MemberResponse(m.principal(), m.role().roleName(), m.organization());
  }
}
