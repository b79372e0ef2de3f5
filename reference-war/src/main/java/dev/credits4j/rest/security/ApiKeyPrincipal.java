package dev.credits4j.rest.security;

import java.security.Principal;
import java.util.Optional;

/**
 * The caller authenticated by an API key ({@code Authorization: Bearer c4j_...}): named {@code
 * api-key:<id>}, a member of the key's workspace only, with the key's role. {@link Access} takes
 * its membership from the key, never from {@link WorkspaceMemberships}, so a key acts in no other
 * workspace whatever the membership table says of its name.
 */
public final class ApiKeyPrincipal implements Principal {
  /** The prefix of every key principal's name. */
  public static final String NAME_PREFIX = "api-key:";

  private final ApiKey key;

  public ApiKeyPrincipal(ApiKey key) {
    this.key = key;
  }

  /** The principal name of the key {@code id}. */
  public static String name(String id) {
    return NAME_PREFIX + id;
  }

  public ApiKey key() {
    return key;
  }

  @Override
  public String getName() {
    return name(key.id());
  }

  /** The key's membership in {@code workspace}: only in its own. */
  public Optional<Membership> membershipIn(String workspace) {
    return key.workspace().equals(workspace) ? Optional.of(key.membership()) : Optional.empty();
  }

  /** Whether the key's role is {@code role} (as the server's identity store names roles). */
  public boolean hasRole(String role) {
    return key.role().roleName().equals(role);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKeyPrincipal p && p.key.id().equals(key.id());
  }

  @Override
  public int hashCode() {
    return key.id().hashCode();
  }

  @Override
  public String toString() {
    return getName();
  }
}
