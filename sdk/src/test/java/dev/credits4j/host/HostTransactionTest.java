package dev.credits4j.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.Credits4j;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.JoiningTransactions;
import dev.credits4j.internal.ResourceLocalTransactions;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK inside a host's transaction: the host's own row and the credits commit together or not at
 * all, a failed operation never commits half its writes, a serialization failure becomes {@code
 * retry-transaction}, and after-commit actions run only after the host commits.
 */
class HostTransactionTest extends LedgerTestBase {
  private final String table = "host_order_" + UUID.randomUUID().toString().substring(0, 8);
  private TestHost host;
  private Credits4j joined;

  @BeforeEach
  void joinedSdk() throws SQLException {
    EntityManagerFactory emf = DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    host = new TestHost(emf);
    joined =
        Credits4j.builder()
            .entityManagerFactory(emf)
            .clock(clock)
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .hostTransactions(host)
            .build();
    try (Connection c = DB.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table " + table + " (id varchar(64) primary key)");
    }
  }

  @AfterEach
  void dropTable() throws SQLException {
    try (Connection c = DB.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table " + table);
    }
  }

  @Test
  void theHostsRowAndTheCreditsCommitTogether() {
    WalletRef w = wallet("acme");
    host.inTransaction(
        () -> {
          host.current(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
              .entityManager()
              .createNativeQuery("insert into " + table + " (id) values ('order-0')")
              .executeUpdate();
          return joined.ledger().grant(GrantRequest.builder(w, n(30), SYSTEM).build());
        });
    assertThat(orders()).containsExactly("order-0");
    assertThat(balanceOf(w)).isEqualByComparingTo("30");
  }

  @Test
  void aRollbackOfTheHostRollsBackTheCredits() {
    WalletRef w = wallet("acme");
    grant(w, 5);
    TestHost.Tx tx = host.begin();
    try {
      tx.insertOrder(table, "order-1");
      joined.ledger().grant(GrantRequest.builder(w, n(30), SYSTEM).build());
      consumeJoined(w, 10);
      // inside the host's transaction the SDK sees its own uncommitted writes
      assertThat(joined.ledger().balance(w).balance()).isEqualByComparingTo("25");
    } finally {
      tx.end(); // rolls back
    }
    assertThat(orders()).isEmpty();
    assertThat(balanceOf(w)).isEqualByComparingTo("5");
    assertThat(entries(w)).isEqualTo(1);
  }

  @Test
  void aCommitOfTheHostCommitsBoth() {
    WalletRef w = wallet("acme");
    TestHost.Tx tx = host.begin();
    try {
      tx.insertOrder(table, "order-1");
      joined.ledger().grant(GrantRequest.builder(w, n(30), SYSTEM).build());
      consumeJoined(w, 10);
      // nothing is visible outside the host's transaction before it commits
      assertThat(committedBalance(w)).isNull();
      tx.commit();
    } finally {
      tx.end();
    }
    assertThat(orders()).containsExactly("order-1");
    assertThat(balanceOf(w)).isEqualByComparingTo("20");
    assertThat(entries(w)).isEqualTo(2);
  }

  @Test
  void aFailedOperationLeavesTheHostsTransactionRollbackOnly() {
    WalletRef w = wallet("acme");
    TestHost.Tx tx = host.begin();
    try {
      tx.insertOrder(table, "order-1");
      joined.ledger().grant(GrantRequest.builder(w, n(3), SYSTEM).build());
      insufficient(() -> consumeJoined(w, 10));
      assertThat(tx.isRollbackOnly()).isTrue();
      assertThatThrownBy(tx::commit).hasMessageContaining("rollback-only");
    } finally {
      tx.end();
    }
    assertThat(orders()).isEmpty();
    assertThat(balanceOf(w)).isEqualByComparingTo("0");
  }

  @Test
  void withoutAHostTransactionTheSdkRunsItsOwn() {
    WalletRef w = wallet("acme");
    joined.ledger().grant(GrantRequest.builder(w, n(7), SYSTEM).build());
    assertThat(committedBalance(w)).isEqualByComparingTo("7");
  }

  @Test
  void aSerializationFailureInsideTheHostsTransactionAsksForARetryOfTheWhole() {
    EntityManagerFactory emf = DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    JoiningTransactions tx = new JoiningTransactions(new ResourceLocalTransactions(emf), host, emf);
    TestHost.Tx hostTx = host.begin();
    try {
      CreditsException e =
          failure(
              ErrorCode.RETRY_TRANSACTION,
              () ->
                  tx.inTransaction(
                      em -> {
                        throw new RuntimeException(
                            new SQLException("could not serialize access", "40001"));
                      }));
      assertThat(e.getCause()).hasRootCauseInstanceOf(SQLException.class);
      assertThat(hostTx.isRollbackOnly()).isTrue();
    } finally {
      hostTx.end();
    }
  }

  @Test
  void afterCommitActionsWaitForTheHostsCommitAndAreDroppedOnRollback() {
    EntityManagerFactory emf = DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    JoiningTransactions tx = new JoiningTransactions(new ResourceLocalTransactions(emf), host, emf);
    List<String> ran = new ArrayList<>();

    tx.afterCommit(() -> ran.add("own"));
    assertThat(ran).as("no host transaction: at once").containsExactly("own");

    TestHost.Tx committed = host.begin();
    try {
      tx.afterCommit(() -> ran.add("committed"));
      assertThat(ran).containsExactly("own");
      committed.commit();
    } finally {
      committed.end();
    }
    assertThat(ran).containsExactly("own", "committed");

    TestHost.Tx rolledBack = host.begin();
    try {
      tx.afterCommit(() -> ran.add("rolled back"));
    } finally {
      rolledBack.end();
    }
    assertThat(ran).containsExactly("own", "committed");
  }

  private void consumeJoined(WalletRef w, long amount) {
    joined.ledger().consume(ConsumeRequest.of(w, n(amount), CLIENT, null));
  }

  private List<String> orders() {
    List<String> ids = new ArrayList<>();
    try (Connection c = DB.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from " + table)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  /** The wallet's committed balance, read on a connection of its own; null while it is zero. */
  private BigDecimal committedBalance(WalletRef w) {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select balance from credits_wallet where workspace_key = ? and organization_id = ?")) {
      s.setString(1, w.workspace());
      s.setString(2, w.organization());
      try (ResultSet rs = s.executeQuery()) {
        BigDecimal b = rs.next() ? rs.getBigDecimal(1) : null;
        return b == null || b.signum() == 0 ? null : b;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
