package dev.credits4j.samples.portal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The host platform's own data — companies, their users, an in-app inbox — in its own tables beside
 * the SDK's, in the same database. credits4j never sees these tables: it knows a company only by
 * its id (the organization id) and a user only as an {@code Actor}.
 */
public final class PortalStore {
  private final DataSource dataSource;

  /** A user of the portal: staff of the agency, or a member of a client company. */
  public record User(String id, String companyId, String name, String email, boolean staff) {
    /** A member of the agency's staff: no company. */
    public static User staff(String id, String name, String email) {
      return new User(id, null, name, email, /* staff= */ true);
    }

    /** A user of one client company. */
    public static User ofCompany(String id, String companyId, String name, String email) {
      return new User(id, companyId, name, email, /* staff= */ false);
    }
  }

  /** One message of a company's in-app inbox. */
  public record InboxMessage(String notificationId, String kind, String text, Instant receivedAt) {}

  public PortalStore(DataSource dataSource) {
    this.dataSource = dataSource;
    execute(
        "create table if not exists portal_company (id varchar(64) primary key,"
            + " name varchar(200) not null)",
        "create table if not exists portal_user (id varchar(64) primary key,"
            + " company_id varchar(64), name varchar(200) not null, email varchar(200) not null,"
            + " staff boolean not null)",
        "create table if not exists portal_inbox (notification_id varchar(36) primary key,"
            + " company_id varchar(64) not null, kind varchar(40) not null,"
            + " text varchar(1000) not null, received_at timestamp not null)");
  }

  public void addCompany(String id, String name) {
    update("insert into portal_company (id, name) values (?, ?)", id, name);
  }

  public void addUser(User user) {
    update(
        "insert into portal_user (id, company_id, name, email, staff) values (?, ?, ?, ?, ?)",
        user.id(),
        user.companyId(),
        user.name(),
        user.email(),
        user.staff());
  }

  public Optional<User> user(String id) {
    List<User> found =
        users("select id, company_id, name, email, staff from portal_user where id = ?", id);
    return found.stream().findFirst();
  }

  /** The e-mail addresses of a company's members: where its credit notifications go. */
  public List<String> emailsOf(String companyId) {
    return users(
            "select id, company_id, name, email, staff from portal_user where company_id = ?"
                + " order by id",
            companyId)
        .stream()
        .map(u -> u.name() + " <" + u.email() + ">")
        .toList();
  }

  /**
   * Puts a message in a company's inbox once: the notification id is the key, so a notification
   * delivered again (after a crash between delivery and its record) does not show twice.
   *
   * @return false if the message was already there
   */
  public boolean deliver(String notificationId, String companyId, String kind, String text) {
    try {
      update(
          "insert into portal_inbox (notification_id, company_id, kind, text, received_at)"
              + " values (?, ?, ?, ?, ?)",
          notificationId,
          companyId,
          kind,
          text,
          java.sql.Timestamp.from(Instant.now()));
      return true;
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return false;
      }
      throw e;
    }
  }

  public List<InboxMessage> inbox(String companyId) {
    List<InboxMessage> messages = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select notification_id, kind, text, received_at from portal_inbox"
                    + " where company_id = ? order by received_at, notification_id")) {
      s.setString(1, companyId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          messages.add(
              new InboxMessage(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getTimestamp(4).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return messages;
  }

  private List<User> users(String query, String parameter) {
    List<User> users = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          users.add(
              new User(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBoolean(5)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return users;
  }

  private void update(String statement, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void execute(String... statements) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
