package dev.credits4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.AllocationView;
import dev.credits4j.api.Balance;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.internal.Micros;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Base of every ledger test: runs on the database {@link TestDatabase#current()} selects, gives
 * each test a fresh workspace and a controllable clock, and checks every invariant of
 * docs/ledger.md on every wallet the test touched once it ends.
 */
@Tag("database")
public abstract class LedgerTestBase {
  protected static final TestDatabase DB = TestDatabase.current();
  protected static final CurrencyUnit USD = Monetary.getCurrency("USD");
  protected static final Actor TEAM = Actor.team("u-tess", "Tess Team");
  protected static final Actor CLIENT = Actor.client("u-cleo", "Cleo Client");
  protected static final Actor SYSTEM = Actor.system("billing-job");

  protected final MutableClock clock = MutableClock.at("2026-01-15T10:00:00Z");
  protected Credits4j credits;
  protected CreditLedger ledger;
  protected Workspaces workspaces;
  protected String ws;
  protected final Set<WalletRef> touched = new LinkedHashSet<>();

  @BeforeEach
  void openLedger() {
    DB.unavailable().ifPresent(reason -> Assumptions.abort("skipped on " + DB + ": " + reason));
    credits = DB.credits(clock);
    ledger = credits.ledger();
    workspaces = credits.workspaces();
    ws = newWorkspace(b -> b);
  }

  @AfterEach
  void checkInvariants() {
    LedgerAssertions.assertHealthy(ledger, touched);
  }

  /** Creates a workspace with a unique key, USD, whole credits, customised by {@code settings}. */
  protected String newWorkspace(UnaryOperator<WorkspaceSettings.Builder> settings) {
    String key = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    workspaces.create(
        settings.apply(WorkspaceSettings.builder(key, USD).name("Agency " + key)).build());
    return key;
  }

  /** Registers an organization in the test workspace; its wallet is checked after the test. */
  protected WalletRef wallet(String organization) {
    return walletIn(ws, organization);
  }

  protected WalletRef walletIn(String workspace, String organization) {
    WalletRef ref = WalletRef.of(workspace, organization);
    workspaces.registerOrganization(ref, organization.toUpperCase());
    touched.add(ref);
    return ref;
  }

  protected static BigDecimal n(String value) {
    return new BigDecimal(value);
  }

  protected static BigDecimal n(long value) {
    return BigDecimal.valueOf(value);
  }

  /** Free credits that never expire. */
  protected LedgerEntryView grant(WalletRef w, long credits) {
    return ledger.grant(GrantRequest.builder(w, n(credits), SYSTEM).build());
  }

  /** Paid credits with a cost basis per credit (USD) and an optional expiry. */
  protected LedgerEntryView grantPaid(WalletRef w, long credits, String basis, Instant expiresAt) {
    return ledger.grant(
        GrantRequest.builder(w, n(credits), SYSTEM)
            .costBasis(Money.of(new BigDecimal(basis), USD))
            .expiresAt(expiresAt)
            .build());
  }

  protected LedgerEntryView consume(WalletRef w, long credits) {
    return ledger.consume(ConsumeRequest.of(w, n(credits), CLIENT, null));
  }

  protected LedgerEntryView addManually(WalletRef w, long credits) {
    return ledger.addManually(
        new AdjustmentRequest(w, n(credits), ReasonCode.BONUS, "bonus", null, TEAM, null));
  }

  protected BigDecimal balanceOf(WalletRef w) {
    return ledger.balance(w).balance();
  }

  protected long entries(WalletRef w) {
    return ledger.reconcile(w).entries();
  }

  protected static boolean isType(LedgerEntryView e, EntryType t) {
    return e.type() == t;
  }

  // ---- helpers for tests of single operations

  /**
   * Registers an organization in the test workspace without checking it after the test: for wallets
   * a test tampers with on purpose.
   */
  protected WalletRef untrackedWallet(String organization) {
    WalletRef ref = WalletRef.of(ws, organization);
    workspaces.registerOrganization(ref, organization);
    return ref;
  }

  /** Everything a failed operation must leave as it was. */
  protected record WalletState(
      long entries,
      BigDecimal balance,
      BigDecimal held,
      BigDecimal available,
      BigDecimal overdraftUsed,
      List<LotView> lots) {}

  protected WalletState state(WalletRef w) {
    Balance b = ledger.balance(w);
    long entries =
        count(
            "select count(*) from credits_entry e join credits_wallet w on w.id = e.wallet_id"
                + " where w.workspace_key = ? and w.organization_id = ?",
            w.workspace(),
            w.organization());
    return new WalletState(
        entries, b.balance(), b.held(), b.available(), b.overdraftUsed(), b.lots());
  }

  /** Runs {@code call}, which must fail with a {@link CreditsException} carrying {@code code}. */
  protected static CreditsException failure(ErrorCode code, ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected a CreditsException %s", code).isInstanceOf(CreditsException.class);
    CreditsException e = (CreditsException) t;
    assertThat(e.code()).as("code of: %s", e.getMessage()).isEqualTo(code);
    return e;
  }

  /** Runs {@code call}, which must fail with an {@link InsufficientCreditsException}. */
  protected static InsufficientCreditsException insufficient(ThrowingCallable call) {
    return (InsufficientCreditsException) failure(ErrorCode.INSUFFICIENT_CREDITS, call);
  }

  /** The names of the fields an error blames. */
  protected static List<String> fields(CreditsException e) {
    return e.violations().stream().map(FieldViolation::field).toList();
  }

  /** The lot a grant, addition or other single-lot credit created. */
  protected static LotId lotOf(LedgerEntryView credit) {
    List<LotId> lots =
        credit.allocations().stream().map(AllocationView::lot).filter(l -> l != null).toList();
    assertThat(lots).as("lots credited by entry %s", credit.sequence()).hasSize(1);
    return lots.get(0);
  }

  /** An entry's allocations as {@code "<lot id> <amount>"}, {@code "overdraft"} for no lot. */
  protected static List<String> allocations(LedgerEntryView e) {
    return e.allocations().stream().map(a -> alloc(a.lot(), a.amount())).toList();
  }

  protected static String alloc(LotId lot, String amount) {
    return alloc(lot, n(amount));
  }

  protected static String overdraft(String amount) {
    return alloc(null, n(amount));
  }

  private static String alloc(LotId lot, BigDecimal amount) {
    BigDecimal plain = amount.stripTrailingZeros();
    return (lot == null ? "overdraft" : lot.toString())
        + " "
        + (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
  }

  /** A lot as stored, read with plain JDBC (also lots that are used up). */
  protected record LotRow(
      LotSource source,
      BigDecimal original,
      BigDecimal remaining,
      BigDecimal reserved,
      Instant effectiveAt,
      Instant expiresAt,
      BigDecimal costBasis,
      String currency,
      int priority,
      String originLotId) {}

  protected static LotRow lotRow(LotId lot) {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select source, original, remaining, reserved, effective_at, expires_at,"
                    + " cost_basis, cost_currency, priority, origin_lot_id from credits_lot"
                    + " where id = ?")) {
      s.setString(1, lot.toString());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("lot %s exists", lot).isTrue();
        long expires = rs.getLong(6);
        Instant expiresAt = rs.wasNull() ? null : Micros.toInstant(expires);
        return new LotRow(
            LotSource.valueOf(rs.getString(1)),
            rs.getBigDecimal(2),
            rs.getBigDecimal(3),
            rs.getBigDecimal(4),
            Micros.toInstant(rs.getLong(5)),
            expiresAt,
            rs.getBigDecimal(7),
            rs.getString(8),
            rs.getInt(9),
            rs.getString(10));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one SQL statement on the test database with plain JDBC; returns the update count. */
  protected static int sql(String statement, Object... parameters) {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      if (!c.getAutoCommit()) {
        int n = s.executeUpdate();
        c.commit();
        return n;
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row of a query, with plain JDBC. */
  protected static Object queryValue(String query, Object... parameters) {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a row from %s", query).isTrue();
        return rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A count query's result, with plain JDBC. */
  protected static long count(String query, Object... parameters) {
    return ((Number) queryValue(query, parameters)).longValue();
  }

  /** The database id of a wallet, for plain-JDBC checks. */
  protected static String walletId(WalletRef w) {
    return (String)
        queryValue(
            "select id from credits_wallet where workspace_key = ? and organization_id = ?",
            w.workspace(),
            w.organization());
  }
}
