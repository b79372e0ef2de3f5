package dev.credits4j.rest.security;

import dev.credits4j.api.Actor;

/**
 * The authenticated caller of one request: its principal's name, its strongest role and, for a
 * client, the organization it is bound to in the request's workspace.
 */
public record Caller(String name, Role role, String organization) {

  public boolean isClient() {
    return role == Role.CLIENT;
  }

  /** The actor recorded on what this caller does: a client, or a team member (admins too). */
  public Actor actor() {
    return isClient() ? Actor.client(name, name) : Actor.team(name, name);
  }
}
