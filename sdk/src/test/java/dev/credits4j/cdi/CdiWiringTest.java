package dev.credits4j.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AllocationView;
import dev.credits4j.api.Balance;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.CreditsReadReplica;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The SDK's beans under Weld SE, as a CDI host wires them: the host produces a
 * {@code @CreditsPersistenceUnit EntityManagerFactory} and a {@link Clock}; {@link CdiWiring}
 * builds the services' context from them, and a host's {@link DrawDownPolicy} bean replaces the
 * standard order. Injected services must behave exactly like the plain-Java builder's.
 */
class CdiWiringTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final CurrencyUnit USD = Monetary.getCurrency("USD");
  private static final Actor TEAM = Actor.team("u-tess", "Tess Team");
  private static final Actor CLIENT = Actor.client("u-cleo", "Cleo Client");
  private static final MutableClock CLOCK = MutableClock.at("2026-03-01T09:00:00Z");

  /** What a CDI host provides. */
  @Dependent
  public static class HostResources {
    @Produces
    @CreditsPersistenceUnit
    EntityManagerFactory credits() {
      return DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    }

    @Produces
    Clock clock() {
      return CLOCK;
    }
  }

  /** A host whose replica is an unset setting: its dependent producer gives null. */
  @Dependent
  public static class NoReplica {
    static int produced;

    @Produces
    @CreditsReadReplica
    EntityManagerFactory replica() {
      produced++;
      return null;
    }
  }

  /** A host's policy: the most expensive credits first. */
  @Alternative
  @ApplicationScoped
  public static class MostExpensiveFirst implements DrawDownPolicy {
    @Override
    public List<LotView> order(List<LotView> drawable) {
      return drawable.stream()
          .sorted(
              Comparator.comparing(
                      (LotView l) -> l.costBasis().getNumber().numberValue(BigDecimal.class))
                  .reversed())
          .toList();
    }
  }

  private static Weld sdkBeans() {
    return new Weld("credits4j-test-" + UUID.randomUUID())
        .disableDiscovery()
        .addBeanClasses(
            CdiWiring.class,
            DefaultCreditLedger.class,
            LedgerWallets.class,
            DefaultWorkspaces.class,
            DefaultPackageCatalog.class,
            HostResources.class,
            MostExpensiveFirst.class);
  }

  @Test
  void injectedServicesBehaveLikeTheBuilders() {
    List<String> wired;
    try (WeldContainer cdi = sdkBeans().initialize()) {
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      assertThat(ledger).isInstanceOf(DefaultCreditLedger.class);
      assertThat(workspaces).isInstanceOf(DefaultWorkspaces.class);
      wired = script(ledger, workspaces);
    }
    List<String> plain;
    try (Credits4j built = DB.credits(CLOCK)) {
      plain = script(built.ledger(), built.workspaces());
    }
    assertThat(wired).hasSize(9).isEqualTo(plain);
  }

  @Test
  void aNullReplicaFromTheHostsProducerMeansEveryReadOnThePrimary() {
    NoReplica.produced = 0;
    try (WeldContainer cdi = sdkBeans().addBeanClasses(NoReplica.class).initialize()) {
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      WalletRef w = newWallet(cdi.select(Workspaces.class).get());
      ledger.grant(GrantRequest.builder(w, BigDecimal.TEN, TEAM).build());
      // the history is a replica read: with no replica it reads the primary, the grant included
      HistoryPage page = ledger.history(HistoryQuery.firstPage(w, 10));
      assertThat(page.entries()).hasSize(1);
      assertThat(page.entries().get(0).amount()).isEqualByComparingTo(BigDecimal.TEN);
    }
    assertThat(NoReplica.produced).as("the producer was asked").isPositive();
  }

  @Test
  void theHostsClockIsUsed() {
    try (WeldContainer cdi = sdkBeans().initialize()) {
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      WalletRef w = newWallet(cdi.select(Workspaces.class).get());
      LedgerEntryView e = ledger.grant(GrantRequest.builder(w, BigDecimal.TEN, TEAM).build());
      assertThat(e.occurredAt()).isEqualTo(CLOCK.instant());
    }
  }

  @Test
  void withoutAPolicyBeanTheStandardOrderDrawsFreeCreditsFirst() {
    try (WeldContainer cdi = sdkBeans().initialize()) {
      DrawOrder order = drawOrder(cdi);
      assertThat(order.drawn()).isEqualTo(order.free());
    }
  }

  @Test
  void anEnabledAlternativePolicyReplacesTheStandardOrder() {
    try (WeldContainer cdi = sdkBeans().addAlternative(MostExpensiveFirst.class).initialize()) {
      DrawOrder order = drawOrder(cdi);
      assertThat(order.drawn()).isEqualTo(order.paid());
    }
  }

  /** Which of a free and a paid lot a consume drew from. */
  record DrawOrder(LotId free, LotId paid, LotId drawn) {}

  private static DrawOrder drawOrder(WeldContainer cdi) {
    CreditLedger ledger = cdi.select(CreditLedger.class).get();
    WalletRef w = newWallet(cdi.select(Workspaces.class).get());
    LotId free = onlyLot(ledger.grant(GrantRequest.builder(w, n(20), TEAM).build()));
    LotId paid =
        onlyLot(
            ledger.grant(
                GrantRequest.builder(w, n(20), TEAM)
                    .costBasis(Money.of(new BigDecimal("1.50"), USD))
                    .build()));
    LotId drawn = onlyLot(ledger.consume(ConsumeRequest.of(w, n(5), CLIENT, null)));
    return new DrawOrder(free, paid, drawn);
  }

  private static LotId onlyLot(LedgerEntryView e) {
    assertThat(e.allocations()).hasSize(1);
    return e.allocations().get(0).lot();
  }

  private static WalletRef newWallet(Workspaces workspaces) {
    String ws = "cdi-" + UUID.randomUUID().toString().substring(0, 8);
    workspaces.create(WorkspaceSettings.builder(ws, USD).build());
    WalletRef w = WalletRef.of(ws, "acme");
    workspaces.registerOrganization(w, "Acme");
    return w;
  }

  /**
   * Grants, consumes and transfers in a new workspace; returns each result and final balance
   * without ids, hashes or the workspace key, so that two runs can be compared.
   */
  private static List<String> script(CreditLedger ledger, Workspaces workspaces) {
    WalletRef acme = newWallet(workspaces);
    WalletRef globex = WalletRef.of(acme.workspace(), "globex");
    workspaces.registerOrganization(globex, "Globex");
    List<String> out = new ArrayList<>();
    Function<LedgerEntryView, String> entry = CdiWiringTest::describe;
    out.add(
        entry.apply(
            ledger.grant(
                GrantRequest.builder(acme, n(100), TEAM)
                    .costBasis(Money.of(new BigDecimal("0.05"), USD))
                    .expiresAt(CLOCK.instant().plus(Duration.ofDays(30)))
                    .build())));
    out.add(entry.apply(ledger.grant(GrantRequest.builder(acme, n(50), TEAM).build())));
    out.add(entry.apply(ledger.consume(ConsumeRequest.of(acme, n(70), CLIENT, "c-1"))));
    TransferResult t =
        ledger.transfer(
            new TransferRequest(acme, globex, n(40), ReasonCode.ADJUSTMENT, null, TEAM, "t-1"));
    out.add(entry.apply(t.outgoing()));
    out.add(entry.apply(t.incoming()));
    out.add(entry.apply(ledger.consume(ConsumeRequest.of(globex, n(15), CLIENT, null))));
    out.add(entry.apply(ledger.consume(ConsumeRequest.of(acme, n(70), CLIENT, "c-1"))));
    out.add(describe(ledger.balance(acme)));
    out.add(describe(ledger.balance(globex)));
    return out;
  }

  private static String describe(LedgerEntryView e) {
    StringBuilder s =
        new StringBuilder()
            .append(e.wallet().organization())
            .append(" #")
            .append(e.sequence())
            .append(' ')
            .append(e.type())
            .append(' ')
            .append(e.amount().stripTrailingZeros().toPlainString())
            .append(" -> ")
            .append(e.balanceAfter().stripTrailingZeros().toPlainString())
            .append(" at ")
            .append(e.occurredAt());
    for (AllocationView a : e.allocations()) {
      s.append(" [").append(a.overdraft() ? "overdraft " : "lot ");
      s.append(a.amount().stripTrailingZeros().toPlainString()).append(']');
    }
    return s.toString();
  }

  private static String describe(Balance b) {
    StringBuilder s =
        new StringBuilder()
            .append(b.wallet().organization())
            .append(" balance ")
            .append(b.balance().stripTrailingZeros().toPlainString())
            .append(" available ")
            .append(b.available().stripTrailingZeros().toPlainString());
    for (LotView l : b.lots()) {
      s.append(" [")
          .append(l.source())
          .append(' ')
          .append(l.remaining().stripTrailingZeros().toPlainString())
          .append('/')
          .append(l.original().stripTrailingZeros().toPlainString())
          .append(" at ")
          .append(l.costBasis())
          .append(" until ")
          .append(l.expiresAt())
          .append(']');
    }
    return s.toString();
  }

  private static BigDecimal n(long value) {
    return BigDecimal.valueOf(value);
  }
}
