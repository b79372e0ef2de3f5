package dev.credits4j.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL database the build created for one server ({@code <server>.database} under {@code
 * credits.it.servers}), read directly: what the outbox holds, which the API does not show.
 */
final class ServerDatabase {
  /** One notification of the outbox and the notifiers that accepted it. */
  record OutboxRow(String id, String type, String status, int attempts, List<String> notifiers) {}

  private final String url;
  private final Properties login = new Properties();

  ServerDatabase(String server) {
    String base = System.getProperty("credits.test.pg.url");
    if (base == null || base.isBlank()) {
      throw new IllegalStateException("system property credits.test.pg.url is required");
    }
    Path file = Path.of(System.getProperty("credits.it.servers"), server + ".database");
    String name;
    try {
      name = Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no database file " + file, e);
    }
    int slash = base.lastIndexOf('/');
    String rest = base.substring(slash + 1);
    int query = rest.indexOf('?');
    this.url = base.substring(0, slash + 1) + name + (query < 0 ? "" : rest.substring(query));
    login.setProperty("user", System.getProperty("credits.test.pg.user", "postgres"));
    login.setProperty("password", System.getProperty("credits.test.pg.password", ""));
  }

  /** The organization's notifications of this type in the workspace, oldest first. */
  List<OutboxRow> notifications(String workspace, String organization, String type) {
    String sql =
        "select n.id, n.notification_type, n.status, n.attempts,"
            + " (select string_agg(d.notifier, ',' order by d.notifier)"
            + " from credits_notification_delivery d where d.notification_id = n.id)"
            + " from credits_notification n"
            + " where n.workspace_key = ? and n.organization_id = ? and n.notification_type = ?"
            + " order by n.occurred_at, n.id";
    try (Connection c = new org.postgresql.Driver().connect(url, login);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, workspace);
      s.setString(2, organization);
      s.setString(3, type);
      List<OutboxRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String notifiers = r.getString(5);
          rows.add(
              new OutboxRow(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getInt(4),
                  notifiers == null ? List.of() : List.of(notifiers.split(","))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the outbox at " + url, e);
    }
  }
}
