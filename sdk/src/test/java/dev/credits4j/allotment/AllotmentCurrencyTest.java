package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** An allotment grants in the currency its cost basis was given in. */
class AllotmentCurrencyTest extends AllotmentTestBase {
  @Test
  void aPeriodGrantedAfterTheWorkspaceChangedCurrencyKeepsTheAllotmentsCurrency() {
    at("2026-01-15T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a =
        allotments.create(
            AllotmentRequest.builder(
                    acme, n(100), AllotmentPeriod.MONTHLY, LocalDate.parse("2026-02-01"), TEAM)
                .costBasis(Money.of(new BigDecimal("0.25"), USD))
                .unusedCredits(UnusedCreditsRule.expire())
                .build());
    // Nothing has moved yet, so the workspace may still change its currency.
    WorkspaceSettings s = workspaces.get(ws);
    workspaces.update(
        WorkspaceSettings.builder(ws, Monetary.getCurrency("EUR"))
            .name(s.name())
            .baseCreditRate(Money.of(s.baseCreditRate().getNumber(), "EUR"))
            .build());

    at("2026-02-01T00:00:00Z");
    allotments.grantDue(ws, clock.instant());

    LotRow lot = lotRow(grant(a, 0).lot());
    assertThat(lot.costBasis()).isEqualByComparingTo("0.25");
    assertThat(lot.currency()).isEqualTo("USD");
  }
}
