package dev.credits4j.servers;

import java.util.List;

/**
 * The users the build adds to each server's own identity store (WildFly's ApplicationRealm,
 * Payara's file realm), with their groups, which both servers map to the WAR's roles. The identity
 * store says who a login is and its role; where it acts is the WAR's membership table: the operator
 * creates each workspace with {@link #ADMIN} as its admin, who adds the team and binds the clients.
 */
public final class ServerUsers {
  /** One identity-store user. */
  public record User(String name, String password, String role) {}

  public static final User ADMIN = new User("credits-admin", "Admin-pass-2026!", "admin");
  public static final User TEAM = new User("credits-team", "Team-pass-2026!", "team");

  /** A client, bound to organization {@code acme} of the story's workspace. */
  public static final User CLIENT = new User("acme", "Client-pass-2026!", "client");

  /** The platform operator: creates workspaces, is a member of none. */
  public static final User OPERATOR =
      new User("credits-operator", "Operator-pass-2026!", "operator");

  /** A team member of another workspace only. */
  public static final User OTHER_TEAM = new User("credits-team-b", "Team-b-pass-2026!", "team");

  /** A client of an organization also called {@code acme}, in another workspace only. */
  public static final User OTHER_CLIENT = new User("acme-b", "Client-b-pass-2026!", "client");

  public static final List<User> ALL =
      List.of(ADMIN, TEAM, CLIENT, OPERATOR, OTHER_TEAM, OTHER_CLIENT);

  private ServerUsers() {}
}
