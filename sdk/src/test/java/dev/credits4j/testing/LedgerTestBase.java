package dev.credits4j.testing;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Base of every ledger test: runs on the database {@link TestDatabase#current()} selects, gives
 * each test a fresh workspace and a controllable clock, and checks every invariant of SPEC §3 on
 * every wallet the test touched once it ends.
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
}
