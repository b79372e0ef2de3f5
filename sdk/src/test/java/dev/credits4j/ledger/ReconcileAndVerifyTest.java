package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.LotId;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.References;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * reconcile() and verify() find drift and tampering. The tampered wallets are registered without
 * the after-test health check, since they are broken on purpose.
 */
class ReconcileAndVerifyTest extends LedgerTestBase {
  private WalletRef victim;
  private String victimId;
  private LotId firstLot;

  @BeforeEach
  void walletWithFourEntries() {
    victim = untrackedWallet("victim");
    victimId = walletId(victim);
    firstLot = lotOf(grant(victim, 100)); // 1: balance 100
    consume(victim, 30); // 2: 70
    addManually(victim, 10); // 3: 80
    consume(victim, 5); // 4: 75
  }

  private void assertVerifyFailsAt(long sequence, String problem) {
    VerificationReport v = ledger.verify(victim);
    assertThat(v.wallet()).isEqualTo(victim);
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBadSequence()).isEqualTo(sequence);
    assertThat(v.problem()).containsIgnoringCase(problem);
  }

  @Test
  void anUntouchedWalletIsCleanAndValid() {
    ReconciliationReport r = ledger.reconcile(victim);
    assertThat(r.clean()).isTrue();
    assertThat(r.discrepancies()).isEmpty();
    assertThat(r.wallet()).isEqualTo(victim);
    assertThat(r.balance()).isEqualByComparingTo("75");
    assertThat(r.entrySum()).isEqualByComparingTo("75");
    assertThat(r.lotRemainingSum()).isEqualByComparingTo("75");
    assertThat(r.overdraftUsed()).isEqualByComparingTo("0");
    assertThat(r.held()).isEqualByComparingTo("0");
    assertThat(r.entries()).isEqualTo(4);

    VerificationReport v = ledger.verify(victim);
    assertThat(v.valid()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(4);
    assertThat(v.firstBadSequence()).isNull();
    assertThat(v.problem()).isNull();
  }

  @Test
  void reportShowsHeldCreditsAndOverdraft() {
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    ledger.setOverdraftLimit(acme, n(20), TEAM);
    ledger.hold(
        new HoldRequest(acme, n(3), Duration.ofHours(1), null, References.NONE, TEAM, null));
    consume(acme, 12); // 7 from the lot, 5 from the overdraft
    ReconciliationReport r = ledger.reconcile(acme);
    assertThat(r.clean()).isTrue();
    assertThat(r.balance()).isEqualByComparingTo("-2");
    assertThat(r.entrySum()).isEqualByComparingTo("-2");
    assertThat(r.lotRemainingSum()).isEqualByComparingTo("3");
    assertThat(r.overdraftUsed()).isEqualByComparingTo("5");
    assertThat(r.held()).isEqualByComparingTo("3");
    assertThat(r.entries()).isEqualTo(2);
    assertThat(ledger.balance(acme).available()).isEqualByComparingTo("-5");
  }

  @Test
  void anAlteredEntryAmountIsFound() {
    assertThat(
            sql("update credits_entry set amount = -29 where wallet_id = ? and seq = 2", victimId))
        .isEqualTo(1);

    ReconciliationReport r = ledger.reconcile(victim);
    assertThat(r.clean()).isFalse();
    assertThat(r.entrySum()).isEqualByComparingTo("76");
    assertThat(r.discrepancies())
        .anySatisfy(d -> assertThat(d).contains("sum of entries"))
        .anySatisfy(d -> assertThat(d).contains("allocations that do not sum"));
    assertVerifyFailsAt(2, "balance after");
  }

  @Test
  void anAlteredDescriptionBreaksTheHashChain() {
    sql(
        "update credits_entry set description = 'nothing to see' where wallet_id = ? and seq = 3",
        victimId);
    assertVerifyFailsAt(3, "hash");
  }

  @Test
  void anAlteredBalanceAfterIsFound() {
    sql("update credits_entry set balance_after = 81 where wallet_id = ? and seq = 3", victimId);
    assertVerifyFailsAt(3, "balance after");
  }

  @Test
  void anAlteredHashIsFound() {
    sql(
        "update credits_entry set hash = ? where wallet_id = ? and seq = 1",
        "f".repeat(64),
        victimId);
    assertVerifyFailsAt(1, "hash");
  }

  @Test
  void aDeletedEntryIsFound() {
    deleteEntry(2);

    ReconciliationReport r = ledger.reconcile(victim);
    assertThat(r.entries()).isEqualTo(3);
    assertThat(r.entrySum()).isEqualByComparingTo("105");
    assertThat(r.discrepancies())
        .anySatisfy(d -> assertThat(d).contains("not gapless"))
        .anySatisfy(d -> assertThat(d).contains("sum of entries"));
    assertVerifyFailsAt(2, "missing");
  }

  @Test
  void aDeletedLastEntryIsFound() {
    deleteEntry(4);

    ReconciliationReport r = ledger.reconcile(victim);
    assertThat(r.discrepancies()).anySatisfy(d -> assertThat(d).contains("not gapless"));
    assertVerifyFailsAt(4, "4 entries but 3 exist");
  }

  private void deleteEntry(long seq) {
    sql(
        "delete from credits_allocation where entry_id in"
            + " (select id from credits_entry where wallet_id = ? and seq = ?)",
        victimId,
        seq);
    assertThat(sql("delete from credits_entry where wallet_id = ? and seq = ?", victimId, seq))
        .isEqualTo(1);
  }

  @Test
  void anAlteredLotRemainingIsFound() {
    assertThat(
            sql(
                "update credits_lot set remaining = remaining - 1 where id = ?",
                firstLot.toString()))
        .isEqualTo(1);

    ReconciliationReport r = ledger.reconcile(victim);
    assertThat(r.lotRemainingSum()).isEqualByComparingTo("74");
    assertThat(r.entrySum()).isEqualByComparingTo("75");
    assertThat(r.discrepancies())
        .anySatisfy(d -> assertThat(d).contains("lot remaining 74"))
        .anySatisfy(d -> assertThat(d).contains("lot " + firstLot).contains("allocations sum to"));
  }

  @Test
  void anAlteredWalletBalanceIsFound() {
    sql("update credits_wallet set balance = balance + 5 where id = ?", victimId);

    ReconciliationReport r = ledger.reconcile(victim);
    assertThat(r.balance()).isEqualByComparingTo("80");
    assertThat(r.entrySum()).isEqualByComparingTo("75");
    assertThat(r.discrepancies())
        .anySatisfy(d -> assertThat(d).contains("sum of entries"))
        .anySatisfy(d -> assertThat(d).contains("lot remaining"))
        .anySatisfy(d -> assertThat(d).contains("last entry's balance after"));
    assertVerifyFailsAt(4, "wallet balance");
  }

  @Test
  void anAlteredHeldAmountIsFound() {
    sql("update credits_wallet set held = 5 where id = ?", victimId);
    ReconciliationReport r = ledger.reconcile(victim);
    assertThat(r.held()).isEqualByComparingTo("5");
    assertThat(r.discrepancies()).anySatisfy(d -> assertThat(d).startsWith("held 5"));
  }

  @Test
  void anAlteredLotReservationIsFound() {
    sql("update credits_lot set reserved = 2 where id = ?", firstLot.toString());
    assertThat(ledger.reconcile(victim).discrepancies())
        .anySatisfy(d -> assertThat(d).contains("reserved 2"));
  }

  @Test
  void anAlteredSequenceCounterIsFound() {
    sql("update credits_wallet set last_seq = 5 where id = ?", victimId);
    assertThat(ledger.reconcile(victim).discrepancies())
        .anySatisfy(d -> assertThat(d).contains("not gapless"));
    assertVerifyFailsAt(5, "5 entries but 4 exist");
  }

  @Test
  void tamperingWithOneWalletLeavesOthersClean() {
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    sql("update credits_wallet set balance = balance + 5 where id = ?", victimId);
    assertThat(ledger.reconcile(acme).clean()).isTrue();
    assertThat(ledger.verify(acme).valid()).isTrue();
  }
}
