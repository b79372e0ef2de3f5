package dev.credits4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Balance;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** Workspaces: settings, their validation and locking, and organization registration. */
class WorkspacesTest extends LedgerTestBase {
  private static final CurrencyUnit EUR = Monetary.getCurrency("EUR");

  private static String newKey() {
    return "ws-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static WorkspaceSettings full(String key) {
    return WorkspaceSettings.builder(key, USD)
        .name("Full Agency")
        .creditScale(2)
        .baseCreditRate(Money.of(new BigDecimal("0.90"), USD))
        .defaultExpiryDays(365)
        .gracePeriodDays(7)
        .warningDays(List.of(60, 14, 3))
        .lowBalanceThreshold(new BigDecimal("12.5"))
        .timeZone(ZoneId.of("Europe/Berlin"))
        .rolloverEnabled(true)
        .rolloverCapCredits(new BigDecimal("100"))
        .rolloverCapPercent(50)
        .build();
  }

  private static void assertSameSettings(WorkspaceSettings actual, WorkspaceSettings expected) {
    assertThat(actual.key()).isEqualTo(expected.key());
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.creditsEnabled()).isEqualTo(expected.creditsEnabled());
    assertThat(actual.creditScale()).isEqualTo(expected.creditScale());
    assertThat(actual.currency()).isEqualTo(expected.currency());
    assertThat(actual.baseCreditRate().getCurrency())
        .isEqualTo(expected.baseCreditRate().getCurrency());
    assertThat(actual.baseCreditRate().isEqualTo(expected.baseCreditRate()))
        .as("base rate %s", actual.baseCreditRate())
        .isTrue();
    assertThat(actual.defaultExpiryDays()).isEqualTo(expected.defaultExpiryDays());
    assertThat(actual.gracePeriodDays()).isEqualTo(expected.gracePeriodDays());
    assertThat(actual.warningDays()).isEqualTo(expected.warningDays());
    assertComparable(actual.lowBalanceThreshold(), expected.lowBalanceThreshold());
    assertThat(actual.timeZone()).isEqualTo(expected.timeZone());
    assertThat(actual.rolloverEnabled()).isEqualTo(expected.rolloverEnabled());
    assertComparable(actual.rolloverCapCredits(), expected.rolloverCapCredits());
    assertThat(actual.rolloverCapPercent()).isEqualTo(expected.rolloverCapPercent());
  }

  private static void assertComparable(BigDecimal actual, BigDecimal expected) {
    if (expected == null) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual).isEqualByComparingTo(expected);
    }
  }

  @Test
  void createStoresEverySetting() {
    String key = newKey();
    WorkspaceSettings wanted = full(key);

    WorkspaceSettings created = workspaces.create(wanted);

    assertSameSettings(created, wanted);
    assertSameSettings(workspaces.get(key), wanted);
    assertThat(workspaces.find(key)).hasValueSatisfying(s -> assertSameSettings(s, wanted));
  }

  @Test
  void defaultsOfANewWorkspace() {
    String key = newKey();
    WorkspaceSettings s = workspaces.create(WorkspaceSettings.builder(key, USD).build());
    assertThat(s.name()).isEqualTo(key);
    assertThat(s.creditsEnabled()).isTrue();
    assertThat(s.creditScale()).isZero();
    assertThat(s.baseCreditRate().isEqualTo(Money.of(1, USD))).isTrue();
    assertThat(s.defaultExpiryDays()).isNull();
    assertThat(s.gracePeriodDays()).isZero();
    assertThat(s.warningDays()).containsExactly(30, 7);
    assertThat(s.lowBalanceThreshold()).isNull();
    assertThat(s.timeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(s.rolloverEnabled()).isFalse();
  }

  @Test
  void aTakenKeyIsRefused() {
    String key = newKey();
    workspaces.create(full(key));
    failure(
        ErrorCode.WORKSPACE_EXISTS,
        () -> workspaces.create(WorkspaceSettings.builder(key, EUR).name("Impostor").build()));
    assertSameSettings(workspaces.get(key), full(key));
  }

  @Test
  void everyBadFieldIsListed() {
    WorkspaceSettings bad =
        WorkspaceSettings.builder("bad key!", USD)
            .name(" ")
            .creditScale(5)
            .baseCreditRate(Money.of(new BigDecimal("-1"), EUR))
            .defaultExpiryDays(0)
            .gracePeriodDays(-1)
            .warningDays(List.of(7, 7))
            .lowBalanceThreshold(new BigDecimal("-3"))
            .timeZone(null)
            .rolloverCapCredits(new BigDecimal("-1"))
            .rolloverCapPercent(101)
            .build();

    var e = failure(ErrorCode.INVALID_SETTINGS, () -> workspaces.create(bad));

    assertThat(fields(e))
        .containsOnly(
            "key",
            "name",
            "creditScale",
            "baseCreditRate",
            "defaultExpiryDays",
            "gracePeriodDays",
            "warningDays",
            "lowBalanceThreshold",
            "timeZone",
            "rolloverCapCredits",
            "rolloverCapPercent");
    assertThat(workspaces.find("bad key!")).isEmpty();
  }

  @Test
  void eachFieldHasItsOwnBounds() {
    record Case(String field, WorkspaceSettings.Builder settings) {}
    String key = newKey();
    List<Case> cases =
        List.of(
            new Case("key", WorkspaceSettings.builder("x".repeat(65), USD)),
            new Case("key", WorkspaceSettings.builder("-leading-dash", USD)),
            new Case("name", WorkspaceSettings.builder(key, USD).name("n".repeat(201))),
            new Case("creditScale", WorkspaceSettings.builder(key, USD).creditScale(-1)),
            new Case(
                "baseCreditRate",
                WorkspaceSettings.builder(key, USD).baseCreditRate(Money.of(1, EUR))),
            new Case(
                "baseCreditRate",
                WorkspaceSettings.builder(key, USD)
                    .baseCreditRate(Money.of(new BigDecimal("0.00001"), USD))),
            new Case("baseCreditRate", WorkspaceSettings.builder(key, USD).baseCreditRate(null)),
            new Case(
                "defaultExpiryDays", WorkspaceSettings.builder(key, USD).defaultExpiryDays(36501)),
            new Case("gracePeriodDays", WorkspaceSettings.builder(key, USD).gracePeriodDays(3651)),
            new Case("warningDays", WorkspaceSettings.builder(key, USD).warningDays(List.of(0))),
            new Case(
                "warningDays",
                WorkspaceSettings.builder(key, USD)
                    .warningDays(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))),
            new Case(
                "lowBalanceThreshold",
                WorkspaceSettings.builder(key, USD).lowBalanceThreshold(new BigDecimal("1.5"))),
            new Case(
                "rolloverCapCredits",
                WorkspaceSettings.builder(key, USD).rolloverCapCredits(new BigDecimal("0.5"))),
            new Case(
                "rolloverCapPercent", WorkspaceSettings.builder(key, USD).rolloverCapPercent(-1)));
    for (Case c : cases) {
      var e = failure(ErrorCode.INVALID_SETTINGS, () -> workspaces.create(c.settings().build()));
      assertThat(fields(e)).as(c.field()).containsExactly(c.field());
    }
    assertThat(workspaces.find(key)).isEmpty();
    // The bounds themselves are valid.
    workspaces.create(
        WorkspaceSettings.builder(key, USD)
            .creditScale(4)
            .defaultExpiryDays(36500)
            .gracePeriodDays(3650)
            .warningDays(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
            .lowBalanceThreshold(new BigDecimal("0.0001"))
            .rolloverCapPercent(100)
            .build());
  }

  @Test
  void updateReplacesTheSettings() {
    WorkspaceSettings before = workspaces.get(ws);
    WorkspaceSettings wanted =
        before.toBuilder()
            .name("Renamed")
            .gracePeriodDays(3)
            .defaultExpiryDays(90)
            .warningDays(List.of(10))
            .timeZone(ZoneId.of("America/New_York"))
            .build();

    assertSameSettings(workspaces.update(wanted), wanted);
    assertSameSettings(workspaces.get(ws), wanted);
  }

  @Test
  void updateOfAnUnknownWorkspaceIsNotFound() {
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND,
        () -> workspaces.update(WorkspaceSettings.builder(newKey(), USD).build()));
  }

  @Test
  void invalidUpdatesChangeNothing() {
    WorkspaceSettings before = workspaces.get(ws);
    var e =
        failure(
            ErrorCode.INVALID_SETTINGS,
            () -> workspaces.update(before.toBuilder().gracePeriodDays(-5).creditScale(9).build()));
    assertThat(fields(e)).containsOnly("gracePeriodDays", "creditScale");
    assertSameSettings(workspaces.get(ws), before);
  }

  @Test
  void currencyIsLockedOnceCreditsHaveMoved() {
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    WorkspaceSettings before = workspaces.get(ws);

    failure(
        ErrorCode.SETTINGS_LOCKED,
        () ->
            workspaces.update(
                WorkspaceSettings.builder(ws, EUR)
                    .name(before.name())
                    .baseCreditRate(Money.of(1, EUR))
                    .build()));

    assertSameSettings(workspaces.get(ws), before);
  }

  @Test
  void currencyMayChangeWhileNoCreditsHaveMoved() {
    wallet("acme");
    WorkspaceSettings changed =
        workspaces.update(
            WorkspaceSettings.builder(ws, EUR).baseCreditRate(Money.of(2, EUR)).build());
    assertThat(changed.currency()).isEqualTo(EUR);
    assertThat(workspaces.get(ws).currency()).isEqualTo(EUR);
  }

  @Test
  void anotherNodesCachedSettingsNeverBookTheFirstMovementInTheOldCurrency() {
    WalletRef acme = wallet("acme");
    CreditLedger otherNode = DB.credits(clock).ledger();
    otherNode.balance(acme); // the other node has read the workspace (USD) while nothing moved

    workspaces.update(WorkspaceSettings.builder(ws, EUR).baseCreditRate(Money.of(2, EUR)).build());

    // Well within the other node's settings cache lifetime: the first movement reads afresh.
    failure(
        ErrorCode.CURRENCY_MISMATCH,
        () ->
            otherNode.grant(
                GrantRequest.builder(acme, n("10"), SYSTEM).costBasis(Money.of(1, USD)).build()));
    assertThat(balanceOf(acme)).isZero();

    otherNode.grant(
        GrantRequest.builder(acme, n("10"), SYSTEM).costBasis(Money.of(1, EUR)).build());
    assertThat(ledger.balance(acme).lots())
        .extracting(lot -> lot.costBasis().getCurrency())
        .containsOnly(EUR);
  }

  @Test
  void aCurrencyChangeRacingFirstGrantsNeverLeavesCreditsInTheOldCurrency() throws Exception {
    int threads = 4;
    List<WalletRef> wallets = new ArrayList<>();
    for (int i = 0; i < threads * 5; i++) {
      wallets.add(wallet("org-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<WalletRef> mine = wallets.subList(t * 5, t * 5 + 5);
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (WalletRef w : mine) {
                    // Each grant is priced in the currency its caller just read; it may be stale.
                    CurrencyUnit believed = workspaces.get(ws).currency();
                    try {
                      ledger.grant(
                          GrantRequest.builder(w, n("1"), SYSTEM)
                              .costBasis(Money.of(1, believed))
                              .build());
                    } catch (CreditsException e) {
                      assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                    }
                  }
                  return null;
                }));
      }
      work.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                  CurrencyUnit next = i % 2 == 0 ? EUR : USD;
                  try {
                    workspaces.update(
                        WorkspaceSettings.builder(ws, next)
                            .baseCreditRate(Money.of(1, next))
                            .build());
                  } catch (CreditsException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.SETTINGS_LOCKED);
                  }
                }
                return null;
              }));
      start.countDown();
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    CurrencyUnit settled = workspaces.get(ws).currency();
    for (WalletRef w : wallets) {
      assertThat(ledger.balance(w).lots())
          .as("lots of %s in a %s workspace", w.organization(), settled)
          .allSatisfy(lot -> assertThat(lot.costBasis().getCurrency()).isEqualTo(settled));
    }
  }

  @Test
  void creditScaleMayGrowButNotShrinkOnceCreditsHaveMoved() {
    ws = newWorkspace(s -> s.creditScale(2));
    WalletRef acme = wallet("acme");
    ledger.grant(GrantRequest.builder(acme, n("1.25"), SYSTEM).build());
    WorkspaceSettings before = workspaces.get(ws);

    failure(
        ErrorCode.SETTINGS_LOCKED,
        () -> workspaces.update(before.toBuilder().creditScale(1).build()));
    assertThat(workspaces.get(ws).creditScale()).isEqualTo(2);

    assertThat(workspaces.update(before.toBuilder().creditScale(3).build()).creditScale())
        .isEqualTo(3);
    ledger.grant(GrantRequest.builder(acme, n("0.125"), SYSTEM).build());
    assertThat(balanceOf(acme)).isEqualByComparingTo("1.375");
  }

  @Test
  void unknownWorkspacesAreNotFound() {
    String missing = newKey();
    assertThat(workspaces.find(missing)).isEmpty();
    assertThat(workspaces.find(null)).isEmpty();
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> workspaces.get(missing));
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> workspaces.get(null))))
        .containsExactly("key");
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND,
        () -> workspaces.registerOrganization(WalletRef.of(missing, "acme"), "Acme"));
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> ledger.balance(WalletRef.of(missing, "acme")));
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> consume(WalletRef.of(missing, "acme"), 1));
  }

  @Test
  void unregisteredOrganizationsHaveNoWallet() {
    WalletRef nobody = WalletRef.of(ws, "nobody");
    failure(ErrorCode.WALLET_NOT_FOUND, () -> ledger.balance(nobody));
    failure(ErrorCode.WALLET_NOT_FOUND, () -> grant(nobody, 1));
    failure(ErrorCode.WALLET_NOT_FOUND, () -> consume(nobody, 1));
    failure(ErrorCode.WALLET_NOT_FOUND, () -> ledger.reconcile(nobody));
    failure(ErrorCode.WALLET_NOT_FOUND, () -> ledger.verify(nobody));
  }

  @Test
  void registeringOpensAnEmptyWallet() {
    WalletRef acme = WalletRef.of(ws, "acme");
    Balance b = workspaces.registerOrganization(acme, "Acme Inc.");
    touched.add(acme);
    assertThat(b.wallet()).isEqualTo(acme);
    assertThat(b.balance()).isEqualByComparingTo("0");
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(b.available()).isEqualByComparingTo("0");
    assertThat(b.overdraftLimit()).isEqualByComparingTo("0");
    assertThat(b.lots()).isEmpty();
    assertThat(b.asOf()).isEqualTo(clock.instant());
    assertThat(queryValue("select display_name from credits_wallet where id = ?", walletId(acme)))
        .isEqualTo("Acme Inc.");
  }

  @Test
  void registeringAgainChangesNothing() {
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    String id = walletId(acme);

    Balance again = workspaces.registerOrganization(acme, "Another Name");

    assertThat(again.balance()).isEqualByComparingTo("10");
    assertThat(walletId(acme)).isEqualTo(id);
    assertThat(
            count(
                "select count(*) from credits_wallet where workspace_key = ? and organization_id = ?",
                ws,
                "acme"))
        .isEqualTo(1);
    assertThat(queryValue("select display_name from credits_wallet where id = ?", id))
        .isEqualTo("ACME");
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void theSameOrganizationInTwoWorkspacesHasTwoWallets() {
    WalletRef here = wallet("acme");
    WalletRef there = walletIn(newWorkspace(s -> s), "acme");
    grant(here, 5);
    assertThat(balanceOf(there)).isEqualByComparingTo("0");
    assertThat(walletId(here)).isNotEqualTo(walletId(there));
  }

  @Test
  void organizationIdsAreCheckedOnRegistration() {
    for (String bad : new String[] {" acme", "acme ", "", "o".repeat(129)}) {
      var e =
          failure(
              ErrorCode.INVALID_REQUEST,
              () -> workspaces.registerOrganization(WalletRef.of(ws, bad), null));
      assertThat(fields(e)).as("'%s'", bad).containsExactly("wallet.organization");
    }
    var longName =
        failure(
            ErrorCode.INVALID_REQUEST,
            () -> workspaces.registerOrganization(WalletRef.of(ws, "acme"), "n".repeat(201)));
    assertThat(fields(longName)).containsExactly("displayName");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST, () -> workspaces.registerOrganization(null, "x"))))
        .containsExactly("wallet");
    assertThat(count("select count(*) from credits_wallet where workspace_key = ?", ws)).isZero();
  }
}
