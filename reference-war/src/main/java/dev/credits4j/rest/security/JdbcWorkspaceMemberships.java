package dev.credits4j.rest.security;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The default {@link WorkspaceMemberships}: the API's table {@code credits_api_member} (migration
 * {@code V2__members.sql}), over the SDK's data source. Changes lock the workspace's admin rows
 * first, so two admins removing each other at once cannot leave a workspace without one.
 */
@ApplicationScoped
public class JdbcWorkspaceMemberships implements WorkspaceMemberships {
  private static final String COLUMNS = "workspace_key, principal, member_role, organization_id";

  private Instance<DataSource> dataSource;
  private Instance<Clock> clock;
  private DataSource direct;
  private Clock directClock;

  /** For CDI's client proxies only. */
  protected JdbcWorkspaceMemberships() {}

  @Inject
  public JdbcWorkspaceMemberships(
      @CreditsPersistenceUnit Instance<DataSource> dataSource, Instance<Clock> clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Over a data source of its own, for hosts that wire the API by hand. */
  public static JdbcWorkspaceMemberships over(DataSource dataSource, Clock clock) {
    JdbcWorkspaceMemberships m = new JdbcWorkspaceMemberships();
    m.direct = dataSource;
    m.directClock = clock;
    return m;
  }

  private DataSource ds() {
    return direct != null ? direct : dataSource.get();
  }

  private long now() {
    Clock c = directClock;
    if (c == null) {
      c = clock.isResolvable() ? clock.get() : Clock.systemUTC();
    }
    return c.millis();
  }

  @Override
  public Optional<Membership> find(String workspace, String principal) {
    if (workspace == null || principal == null) {
      return Optional.empty();
    }
    try (Connection c = ds().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM credits_api_member WHERE workspace_key = ? AND principal = ?")) {
      s.setString(1, workspace);
      s.setString(2, principal);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0920 cannot read the workspace memberships", e);
    }
  }

  @Override
  public List<Membership> list(String workspace) {
    try (Connection c = ds().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM credits_api_member WHERE workspace_key = ? ORDER BY principal")) {
      s.setString(1, workspace);
      List<Membership> members = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          members.add(row(rs));
        }
      }
      return members;
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0920 cannot read the workspace memberships", e);
    }
  }

  @Override
  public List<Membership> ofPrincipal(String principal) {
    try (Connection c = ds().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM credits_api_member WHERE principal = ? ORDER BY workspace_key")) {
      s.setString(1, principal);
      List<Membership> members = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          members.add(row(rs));
        }
      }
      return members;
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0920 cannot read the workspace memberships", e);
    }
  }

  @Override
  public boolean save(Membership m) {
    return inTransaction(
        c -> {
          List<String> admins = lockAdmins(c, m.workspace());
          Optional<Membership> before = lockMember(c, m.workspace(), m.principal());
          if (before.isPresent()) {
            if (before.get().role() == Role.ADMIN && m.role() != Role.ADMIN && admins.size() <= 1) {
              throw lastAdmin(m.workspace());
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE credits_api_member SET member_role = ?, organization_id = ?"
                        + " WHERE workspace_key = ? AND principal = ?")) {
              s.setString(1, m.role().roleName());
              s.setString(2, m.organization());
              s.setString(3, m.workspace());
              s.setString(4, m.principal());
              s.executeUpdate();
            }
            return false;
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO credits_api_member ("
                      + COLUMNS
                      + ", created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, m.workspace());
            s.setString(2, m.principal());
            s.setString(3, m.role().roleName());
            s.setString(4, m.organization());
            s.setLong(5, now());
            s.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public boolean remove(String workspace, String principal) {
    return inTransaction(
        c -> {
          List<String> admins = lockAdmins(c, workspace);
          if (admins.contains(principal) && admins.size() <= 1) {
            throw lastAdmin(workspace);
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM credits_api_member WHERE workspace_key = ? AND principal = ?")) {
            s.setString(1, workspace);
            s.setString(2, principal);
            return s.executeUpdate() > 0;
          }
        });
  }

  private static ApiException lastAdmin(String workspace) {
    return new ApiException(
        ApiError.LAST_ADMIN,
        "the last admin of workspace " + workspace + " stays an admin: add another admin first");
  }

  private static List<String> lockAdmins(Connection c, String workspace) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT principal FROM credits_api_member"
                + " WHERE workspace_key = ? AND member_role = 'admin' FOR UPDATE")) {
      s.setString(1, workspace);
      List<String> admins = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          admins.add(rs.getString(1));
        }
      }
      return admins;
    }
  }

  private static Optional<Membership> lockMember(Connection c, String workspace, String principal)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM credits_api_member WHERE workspace_key = ? AND principal = ? FOR UPDATE")) {
      s.setString(1, workspace);
      s.setString(2, principal);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static Membership row(ResultSet rs) throws SQLException {
    return new Membership(
        rs.getString(1), rs.getString(2), Role.named(rs.getString(3)), rs.getString(4));
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction; a duplicate key (two requests adding the same member at
   * once) or a deadlock runs it again, up to three times.
   */
  private <T> T inTransaction(Work<T> work) {
    SQLException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try (Connection c = ds().getConnection()) {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          try {
            c.rollback();
          } catch (SQLException rollback) {
            e.addSuppressed(rollback);
          }
          throw e;
        } finally {
          try {
            c.setAutoCommit(autoCommit);
          } catch (SQLException ignored) {
            // the connection goes back to the pool, which resets it
          }
        }
      } catch (SQLException e) {
        last = e;
        if (!retryable(e)) {
          break;
        }
      }
    }
    throw new IllegalStateException("CREDITS-0921 cannot change the workspace memberships", last);
  }

  private static boolean retryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null
            && (state.startsWith("23") || state.equals("40001") || state.equals("40P01"))) {
          return true;
        }
        if (s.getErrorCode() == 1213 || s.getErrorCode() == 1062) {
          return true;
        }
      }
    }
    return false;
  }
}
