package dev.credits4j.servers;

import java.util.List;

/**
 * The users the build adds to each server's own identity store (WildFly's ApplicationRealm,
 * Payara's file realm), with their groups, which both servers map to the WAR's roles. A client's
 * principal name is the id of its organization (the WAR's default client binding).
 */
public final class ServerUsers {
  /** One identity-store user. */
  public record User(String name, String password, String role) {}

  public static final User ADMIN = new User("credits-admin", "Admin-pass-2026!", "admin");
  public static final User TEAM = new User("credits-team", "Team-pass-2026!", "team");

  /** A client of organization {@code acme}. */
  public static final User CLIENT = new User("acme", "Client-pass-2026!", "client");

  public static final List<User> ALL = List.of(ADMIN, TEAM, CLIENT);

  private ServerUsers() {}
}
