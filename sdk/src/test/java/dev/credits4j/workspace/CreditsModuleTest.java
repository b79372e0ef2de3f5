package dev.credits4j.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.credits4j.Credits4j;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workspace with the credits module off, or one the host's FeatureGate refuses, gets
 * MODULE_DISABLED from every operation that would change a wallet.
 */
class CreditsModuleTest extends LedgerTestBase {
  private WalletRef acme;
  private WalletRef globex;
  private LedgerEntryView usage;
  private HoldView toCapture;
  private HoldView toRelease;

  @BeforeEach
  void walletsWithActivity() {
    acme = wallet("acme");
    globex = wallet("globex");
    grant(acme, 50);
    usage = consume(acme, 10);
    toCapture = hold(5);
    toRelease = hold(5);
  }

  private HoldView hold(long credits) {
    return ledger.hold(
        new HoldRequest(acme, n(credits), Duration.ofHours(1), null, References.NONE, TEAM, null));
  }

  /** Every wallet-changing operation, through the given ledger. */
  private Map<String, ThrowingCallable> mutations(CreditLedger l) {
    Map<String, ThrowingCallable> ops = new LinkedHashMap<>();
    ops.put("grant", () -> l.grant(GrantRequest.builder(acme, n(5), SYSTEM).build()));
    ops.put("consume", () -> l.consume(ConsumeRequest.of(acme, n(1), CLIENT, null)));
    ops.put(
        "addManually",
        () ->
            l.addManually(
                new AdjustmentRequest(acme, n(1), ReasonCode.BONUS, null, null, TEAM, null)));
    ops.put(
        "deductManually",
        () ->
            l.deductManually(
                new AdjustmentRequest(acme, n(1), ReasonCode.PENALTY, "x", null, TEAM, null)));
    ops.put(
        "transfer",
        () ->
            l.transfer(
                new TransferRequest(acme, globex, n(1), ReasonCode.OTHER, null, TEAM, null)));
    ops.put(
        "reverse",
        () -> l.reverse(new ReversalRequest(acme, usage.id(), null, null, null, TEAM, null)));
    ops.put(
        "hold",
        () ->
            l.hold(
                new HoldRequest(
                    acme, n(1), Duration.ofHours(1), null, References.NONE, TEAM, null)));
    ops.put("capture", () -> l.capture(new CaptureRequest(toCapture.id(), n(5), null, TEAM, null)));
    ops.put("release", () -> l.release(toRelease.id(), TEAM, null));
    ops.put("setOverdraftLimit", () -> l.setOverdraftLimit(acme, n(10), TEAM));
    return ops;
  }

  private void assertEveryMutationDisabled(CreditLedger l) {
    WalletState acmeBefore = state(acme);
    WalletState globexBefore = state(globex);
    mutations(l)
        .forEach(
            (name, op) ->
                assertThat(catchThrowable(op))
                    .as(name)
                    .isInstanceOfSatisfying(
                        CreditsException.class,
                        e -> {
                          assertThat(e.code()).as(name).isEqualTo(ErrorCode.MODULE_DISABLED);
                          assertThat(e.getMessage()).as(name).contains(ws);
                        }));
    assertThat(state(acme)).isEqualTo(acmeBefore);
    assertThat(state(globex)).isEqualTo(globexBefore);
    assertThat(ledger.getHold(toCapture.id()).status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(ledger.getHold(toRelease.id()).status()).isEqualTo(HoldStatus.ACTIVE);
  }

  @Test
  void aDisabledWorkspaceRefusesEveryMutation() {
    workspaces.update(workspaces.get(ws).toBuilder().creditsEnabled(false).build());

    assertEveryMutationDisabled(ledger);

    // Reads still answer, so a host can show what a client has.
    assertThat(ledger.balance(acme).balance()).isEqualByComparingTo("40");
    assertThat(ledger.history(HistoryQuery.firstPage(acme, 10)).entries()).hasSize(2);
  }

  @Test
  void reEnablingTheModuleAllowsMutationsAgain() {
    workspaces.update(workspaces.get(ws).toBuilder().creditsEnabled(false).build());
    failure(ErrorCode.MODULE_DISABLED, () -> consume(acme, 1));
    workspaces.update(workspaces.get(ws).toBuilder().creditsEnabled(true).build());
    assertThat(consume(acme, 1).balanceAfter()).isEqualByComparingTo("39");
  }

  @Test
  void aWorkspaceCreatedDisabledRefusesGrants() {
    ws = newWorkspace(s -> s.creditsEnabled(false));
    WalletRef w = wallet("acme");
    failure(ErrorCode.MODULE_DISABLED, () -> grant(w, 5));
    assertThat(entries(w)).isZero();
  }

  @Test
  void theFeatureGateRefusesEveryMutation() {
    String refused = ws;
    try (Credits4j gated =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .featureGate(workspace -> !workspace.equals(refused))
            .build()) {
      assertEveryMutationDisabled(gated.ledger());

      // Other workspaces pass the same gate.
      ws = newWorkspace(s -> s);
      WalletRef allowed = wallet("acme");
      assertThat(gated.ledger().grant(GrantRequest.builder(allowed, n(5), SYSTEM).build()).amount())
          .isEqualByComparingTo("5");
    }
  }
}
