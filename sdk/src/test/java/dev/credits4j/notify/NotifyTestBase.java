package dev.credits4j.notify;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.NotificationId;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.spi.Notifier;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;

/**
 * Notification tests over the test database. The database is shared by every test class of the JVM,
 * and other classes' changes write notifications too: each test drains what is due before it starts
 * (delivering it nowhere), and reads the outbox of its own workspace only.
 */
abstract class NotifyTestBase extends LedgerTestBase {
  /** A notifier that records what it is given, and fails while told to. */
  static final class RecordingNotifier implements Notifier {
    final String name;
    final List<Notification> delivered = new CopyOnWriteArrayList<>();
    volatile int failuresLeft;

    RecordingNotifier(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void deliver(Notification n) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("receiver of " + name + " is down");
      }
      delivered.add(n);
    }

    List<Notification> of(String workspace) {
      return delivered.stream().filter(n -> n.wallet().workspace().equals(workspace)).toList();
    }
  }

  @BeforeEach
  void drainOtherTestsNotifications() {
    MutableClock farFuture = MutableClock.at("2200-01-01T00:00:00Z");
    try (Credits4j drain =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(farFuture)
            .notifier(
                new Notifier() {
                  @Override
                  public String name() {
                    return "drain";
                  }

                  @Override
                  public void deliver(Notification n) {}
                })
            .build()) {
      drain.notifications().dispatchPending();
    }
  }

  /** The SDK with the given notifiers (and the test's clock) over the test database. */
  protected Credits4j withNotifiers(DispatcherSettings settings, Notifier... notifiers) {
    Credits4j.Builder b =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .dispatcherSettings(settings);
    for (Notifier n : notifiers) {
      b.notifier(n);
    }
    return b.build();
  }

  /** The outbox of {@code workspace}, oldest first, as an operator sees it. */
  protected List<OutboxEntryView> outbox(String workspace) {
    NotificationDispatcher d = credits.notifications();
    List<OutboxEntryView> out = new ArrayList<>();
    for (String id : ids(workspace)) {
      out.add(d.get(NotificationId.of(id)));
    }
    return out;
  }

  /** The notifications of {@code workspace}, oldest first. */
  protected List<Notification> notifications(String workspace) {
    return outbox(workspace).stream().map(OutboxEntryView::notification).toList();
  }

  protected List<Notification> notifications(String workspace, NotificationType type) {
    return notifications(workspace).stream().filter(n -> n.type() == type).toList();
  }

  private static List<String> ids(String workspace) {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select id from credits_notification where workspace_key = ?"
                    + " order by occurred_at, id")) {
      s.setString(1, workspace);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
