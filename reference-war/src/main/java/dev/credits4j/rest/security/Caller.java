package dev.credits4j.rest.security;

import dev.credits4j.api.Actor;
import dev.credits4j.report.CsvExports.Counterparty;

/**
 * The authenticated caller of one request: its principal's name, its strongest role and, for a
 * client, the organization it is bound to in the request's workspace.
 */
public record Caller(String name, Role role, String organization) {

  public boolean isClient() {
    return role == Role.CLIENT;
  }

  /** Whether this caller is told the other organization of a transfer: a client is not. */
  public Counterparty counterparty() {
    return isClient() ? Counterparty.HIDDEN : Counterparty.SHOWN;
  }

  /** The actor recorded on what this caller does: a client, or a team member (admins too). */
  public Actor actor() {
    return isClient() ? Actor.client(name, name) : Actor.team(name, name);
  }
}
