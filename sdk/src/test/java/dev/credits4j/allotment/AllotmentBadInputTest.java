package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentId;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad request fails with a clear error naming the problem, and changes nothing. */
class AllotmentBadInputTest extends AllotmentTestBase {
  private WalletRef acme;
  private WalletState before;

  @BeforeEach
  void aWallet() {
    at("2026-03-10T12:00:00Z");
    acme = wallet("acme");
    grant(acme, 10);
    before = state(acme);
  }

  private AllotmentRequest.Builder valid() {
    return AllotmentRequest.builder(
        acme, n(100), AllotmentPeriod.MONTHLY, LocalDate.parse("2026-03-01"), TEAM);
  }

  /** The request fails with {@code code} blaming {@code field}, and nothing changed. */
  private void refused(
      ErrorCode code, String field, UnaryOperator<AllotmentRequest.Builder> change) {
    CreditsException e = failure(code, () -> allotments.create(change.apply(valid()).build()));
    if (field != null) {
      assertThat(fields(e)).as("fields blamed by: %s", e.getMessage()).containsExactly(field);
    }
    assertThat(e.getMessage()).isNotBlank();
    assertThat(state(acme)).isEqualTo(before);
    assertThat(allotments.list(acme)).isEmpty();
  }

  private AllotmentRequest.Builder with(
      WalletRef w, BigDecimal credits, AllotmentPeriod period, String start) {
    return AllotmentRequest.builder(
        w, credits, period, start == null ? null : LocalDate.parse(start), TEAM);
  }

  @Test
  void badCredits() {
    refused(
        ErrorCode.INVALID_AMOUNT,
        "credits",
        b -> with(acme, null, AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "credits",
        b -> with(acme, n(0), AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "credits",
        b -> with(acme, n(-5), AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "credits",
        b -> with(acme, n("1.5"), AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "credits",
        b -> with(acme, n("1000000000001"), AllotmentPeriod.DAILY, "2026-03-01"));
  }

  @Test
  void badPeriodAndDates() {
    refused(ErrorCode.INVALID_REQUEST, "period", b -> with(acme, n(1), null, "2026-03-01"));
    refused(
        ErrorCode.INVALID_REQUEST, "startDate", b -> with(acme, n(1), AllotmentPeriod.DAILY, null));
    refused(ErrorCode.INVALID_REQUEST, "endDate", b -> b.endDate(LocalDate.parse("2026-03-01")));
    refused(ErrorCode.INVALID_REQUEST, "endDate", b -> b.endDate(LocalDate.parse("2026-02-01")));
    refused(
        ErrorCode.INVALID_REQUEST,
        "startDate",
        b -> with(acme, n(1), AllotmentPeriod.MONTHLY, "2025-03-09"));
    refused(
        ErrorCode.INVALID_REQUEST,
        "startDate",
        b -> with(acme, n(1), AllotmentPeriod.MONTHLY, "2036-03-11"));
  }

  @Test
  void badUnusedCreditRules() {
    refused(
        ErrorCode.INVALID_AMOUNT,
        "unusedCredits.minimum",
        b -> b.unusedCredits(UnusedCreditsRule.rolloverCapped(n(60), n(50))));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "unusedCredits.maximum",
        b -> b.unusedCredits(UnusedCreditsRule.rolloverCapped(n(0), n(0))));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "unusedCredits.maximum",
        b -> b.unusedCredits(UnusedCreditsRule.rolloverCapped(n(0), null)));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "unusedCredits.minimum",
        b -> b.unusedCredits(UnusedCreditsRule.rolloverCapped(n(-1), n(10))));
    refused(
        ErrorCode.INVALID_AMOUNT,
        "unusedCredits.minimum",
        b -> b.unusedCredits(UnusedCreditsRule.rolloverCapped(n("0.5"), n(10))));
    refused(
        ErrorCode.INVALID_REQUEST,
        "unusedCredits.minimum",
        b -> b.unusedCredits(new UnusedCreditsRule(UnusedCreditsRule.Kind.EXPIRE, n(1), null)));
    refused(
        ErrorCode.INVALID_REQUEST,
        "unusedCredits.maximum",
        b ->
            b.unusedCredits(
                new UnusedCreditsRule(UnusedCreditsRule.Kind.ROLLOVER_ALL, null, n(10))));
    refused(
        ErrorCode.INVALID_REQUEST,
        "unusedCredits.kind",
        b -> b.unusedCredits(new UnusedCreditsRule(null, null, null)));
  }

  @Test
  void badCostBasisDescriptionAndKey() {
    refused(
        ErrorCode.CURRENCY_MISMATCH,
        "costBasis",
        b -> b.costBasis(Money.of(1, Monetary.getCurrency("EUR"))));
    refused(ErrorCode.INVALID_REQUEST, "costBasis", b -> b.costBasis(Money.of(-1, USD)));
    refused(
        ErrorCode.INVALID_REQUEST,
        "costBasis",
        b -> b.costBasis(Money.of(new BigDecimal("0.00000000001"), USD)));
    refused(ErrorCode.INVALID_REQUEST, "description", b -> b.description("x".repeat(201)));
    refused(ErrorCode.INVALID_REQUEST, "idempotencyKey", b -> b.idempotencyKey(" "));
  }

  @Test
  void unknownWorkspacesOrganizationsAndWhoMayAsk() {
    refused(
        ErrorCode.WORKSPACE_NOT_FOUND,
        null,
        b -> with(WalletRef.of("no-such-ws", "acme"), n(1), AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.WALLET_NOT_FOUND,
        null,
        b -> with(WalletRef.of(ws, "nobody"), n(1), AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.INVALID_REQUEST,
        "wallet.organization",
        b -> with(WalletRef.of(ws, " "), n(1), AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.INVALID_REQUEST,
        "wallet",
        b -> with(null, n(1), AllotmentPeriod.DAILY, "2026-03-01"));
    refused(
        ErrorCode.ACTOR_NOT_ALLOWED,
        null,
        b ->
            AllotmentRequest.builder(
                acme, n(1), AllotmentPeriod.DAILY, LocalDate.parse("2026-03-01"), CLIENT));
    refused(
        ErrorCode.INVALID_REQUEST,
        "actor",
        b ->
            AllotmentRequest.builder(
                acme, n(1), AllotmentPeriod.DAILY, LocalDate.parse("2026-03-01"), null));
    failure(ErrorCode.INVALID_REQUEST, () -> allotments.create(null));
    failure(ErrorCode.WALLET_NOT_FOUND, () -> allotments.list(WalletRef.of(ws, "nobody")));
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> allotments.list(WalletRef.of("no-ws", "x")));
  }

  @Test
  void aDisabledModuleRefusesAllotments() {
    workspaces.update(workspaces.get(ws).toBuilder().creditsEnabled(false).build());
    failure(ErrorCode.MODULE_DISABLED, () -> allotments.create(valid().build()));
    workspaces.update(workspaces.get(ws).toBuilder().creditsEnabled(true).build());
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void badIdsActorsAndInstants() {
    AllotmentView a = allotments.create(valid().build());
    WalletState after = state(acme);
    AllotmentId unknown = new AllotmentId(UUID.randomUUID());

    failure(ErrorCode.ALLOTMENT_NOT_FOUND, () -> allotments.get(unknown));
    failure(ErrorCode.ALLOTMENT_NOT_FOUND, () -> allotments.pause(unknown, TEAM));
    failure(ErrorCode.ALLOTMENT_NOT_FOUND, () -> allotments.grants(unknown));
    failure(ErrorCode.INVALID_REQUEST, () -> allotments.get(null));
    failure(ErrorCode.INVALID_REQUEST, () -> AllotmentId.of("not-a-uuid"));
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> allotments.cancel(a.id(), CLIENT));
    failure(ErrorCode.INVALID_REQUEST, () -> allotments.pause(a.id(), null));
    failure(ErrorCode.INVALID_REQUEST, () -> allotments.grantDue(clock.instant().plusNanos(1000)));
    failure(ErrorCode.INVALID_REQUEST, () -> allotments.grantDue(null));
    failure(ErrorCode.INVALID_REQUEST, () -> allotments.grantDue(" ", clock.instant()));

    assertThat(allotments.get(a.id())).isEqualTo(a);
    assertThat(state(acme)).isEqualTo(after);
  }
}
