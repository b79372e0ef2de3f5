package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LedgerCheckpoint;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.LotId;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.TamperFinding.Kind;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.internal.Seals;
import dev.credits4j.spi.CheckpointSink;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tamper evidence (docs/ledger.md): rows of entries, wallet heads, lots and purchases edited,
 * deleted, truncated and re-chained directly in SQL, as an attacker with database access but
 * without the ledger keys would, and {@code verify} reports each with the right kind. Runs on H2,
 * PostgreSQL and MariaDB.
 */
class TamperEvidenceTest extends LedgerTestBase {
  private WalletRef victim;
  private String victimId;
  private LotId paidLot;
  private PurchaseView purchase;

  @BeforeEach
  void ledgerWithEntriesLotsAndAPurchase() {
    victim = untrackedWallet("victim");
    victimId = walletId(victim);
    List<CreditPackageView> catalog = DemoCatalog.seed(credits.catalog(), ws);
    purchase =
        credits
            .purchases()
            .create(PurchaseRequest.manual(victim, catalog.get(0).id(), CLIENT, null));
    purchase = credits.purchases().confirmManualPayment(purchase.id(), TEAM, "bank-1"); // 1
    paidLot = purchase.lot();
    consume(victim, 30); // 2
    addManually(victim, 10); // 3
    consume(victim, 5); // 4
    consume(victim, 1); // 5
  }

  private VerificationReport verify() {
    return ledger.verify(victim);
  }

  @Test
  void anUntouchedLedgerVerifiesCleanWithKeys() {
    VerificationReport v = verify();
    assertThat(v.findings()).isEmpty();
    assertThat(v.valid()).isTrue();
    assertThat(v.keyed()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(5);
    // Every row is keyed with the current key; the database holds no key material.
    assertThat(
            count(
                "select count(*) from credits_entry where wallet_id = ? and key_id = 't2'",
                victimId))
        .isEqualTo(5);
    assertThat(queryValue("select head_key_id from credits_wallet where id = ?", victimId))
        .isEqualTo("t2");
    assertThat(
            count(
                "select count(*) from credits_lot where wallet_id = ? and seal is null", victimId))
        .isZero();
    assertThat(
            count(
                "select count(*) from credits_purchase where wallet_id = ? and seal_key_id = 't2'",
                victimId))
        .isEqualTo(1);
  }

  @Test
  void stateColumnsChangeWithoutResealing() {
    // A refund changes the purchase's and the lot's state columns; their seals still hold.
    credits.purchases().refund(purchase.id(), n(5), TEAM, "refund-1");
    assertThat(
            count(
                "select count(*) from credits_purchase where id = ? and credits_refunded > 0",
                purchase.id().toString()))
        .isEqualTo(1);
    assertThat(verify().findings()).isEmpty();
  }

  @Test
  void anEditedEntryIsEntryEdited() {
    assertThat(
            sql(
                "update credits_entry set description = 'nothing to see' where wallet_id = ? and seq = 3",
                victimId))
        .isEqualTo(1);
    VerificationReport v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.findings()).extracting(f -> f.kind()).containsExactly(Kind.ENTRY_EDITED);
    assertThat(v.firstBadSequence()).isEqualTo(3);
  }

  @Test
  void anEditedAllocationIsEntryEdited() {
    assertThat(
            sql(
                "update credits_allocation set amount = amount - 1 where entry_id ="
                    + " (select id from credits_entry where wallet_id = ? and seq = 2)",
                victimId))
        .isEqualTo(1);
    assertThat(verify().findings()).extracting(f -> f.kind()).contains(Kind.ENTRY_EDITED);
  }

  @Test
  void aDeletedEntryIsEntryDeleted() {
    deleteEntries("seq = 3");
    VerificationReport v = verify();
    assertThat(v.findings()).extracting(f -> f.kind()).containsExactly(Kind.ENTRY_DELETED);
    assertThat(v.firstBadSequence()).isEqualTo(3);
  }

  @Test
  void truncatedEntriesUnderAnUntouchedHeadAreChainTruncated() {
    deleteEntries("seq >= 4");
    VerificationReport v = verify();
    assertThat(v.findings()).extracting(f -> f.kind()).containsExactly(Kind.CHAIN_TRUNCATED);
    assertThat(v.firstBadSequence()).isEqualTo(4);
  }

  @Test
  void truncationWithTheHeadRewoundBreaksTheHeadSeal() {
    Object hash3 =
        queryValue("select hash from credits_entry where wallet_id = ? and seq = 3", victimId);
    deleteEntries("seq >= 4");
    sql(
        "update credits_wallet set last_seq = 3, last_hash = ?, balance = balance + 6 where id = ?",
        hash3,
        victimId);
    VerificationReport v = verify();
    assertThat(v.findings()).extracting(f -> f.kind()).containsExactly(Kind.WALLET_HEAD_EDITED);
  }

  @Test
  void aRechainedLedgerIsRechainedOrHeadEdited() {
    // The attacker changes entry 2 and recomputes every hash after it as the unkeyed chain would
    // (the only chain computable without the key), then fixes the wallet head.
    sql(
        "update credits_entry set description = 'rewritten' where wallet_id = ? and seq = 2",
        victimId);
    String last = rechainUnkeyed();
    sql("update credits_wallet set last_hash = ? where id = ?", last, victimId);
    VerificationReport v = verify();
    assertThat(v.findings()).extracting(f -> f.kind()).contains(Kind.RECHAINED);
    assertThat(v.findings()).extracting(f -> f.kind()).contains(Kind.WALLET_HEAD_EDITED);
    assertThat(v.firstBadSequence()).isEqualTo(1);
  }

  @Test
  void aChainPassedOffAsUnkeyedIsRechained() {
    // Same, but the key ids are cleared too, so the entries look like pre-keys entries.
    sql(
        "update credits_entry set description = 'rewritten' where wallet_id = ? and seq = 2",
        victimId);
    String last = rechainUnkeyed();
    sql("update credits_entry set key_id = null where wallet_id = ?", victimId);
    sql("update credits_wallet set last_hash = ? where id = ?", last, victimId);
    assertThat(verify().findings()).extracting(f -> f.kind()).contains(Kind.RECHAINED);
    // Clearing the head's keyed-from sequence too breaks the head seal.
    sql("update credits_wallet set keyed_from_seq = null where id = ?", victimId);
    assertThat(verify().findings()).extracting(f -> f.kind()).contains(Kind.WALLET_HEAD_EDITED);
    // And removing the head seal altogether is reported as unsealed, never clean.
    sql("update credits_wallet set head_seal = null, head_key_id = null where id = ?", victimId);
    VerificationReport v = verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.findings()).extracting(f -> f.kind()).contains(Kind.UNSEALED);
  }

  @Test
  void editedLotColumnsAreLotEdited() {
    for (String change :
        List.of(
            "cost_basis = cost_basis * 2",
            "expires_at = 99999999999999",
            "original = original + 1, remaining = remaining + 1",
            "cost_currency = 'EUR'")) {
      sql("update credits_lot set " + change + " where id = ?", paidLot.toString());
      VerificationReport v = verify();
      assertThat(v.findings())
          .as(change)
          .anySatisfy(
              f -> {
                assertThat(f.kind()).isEqualTo(Kind.LOT_EDITED);
                assertThat(f.rowId()).isEqualTo(paidLot.toString());
              });
    }
  }

  @Test
  void editedPurchaseMoneyIsPurchaseEdited() {
    for (String change :
        List.of(
            "price = price / 2",
            "cost_basis = cost_basis / 2",
            "currency = 'EUR'",
            "credits = credits + 1")) {
      sql("update credits_purchase set " + change + " where id = ?", purchase.id().toString());
      assertThat(verify().findings())
          .as(change)
          .anySatisfy(
              f -> {
                assertThat(f.kind()).isEqualTo(Kind.PURCHASE_EDITED);
                assertThat(f.rowId()).isEqualTo(purchase.id().toString());
              });
    }
  }

  @Test
  void aCopiedSealDoesNotFitAnotherRow() {
    String otherLot = lotOf(grant(victim, 7)).toString();
    Object seal = queryValue("select seal from credits_lot where id = ?", paidLot.toString());
    sql("update credits_lot set seal = ? where id = ?", seal, otherLot);
    assertThat(verify().findings())
        .anySatisfy(f -> assertThat(f.rowId()).isEqualTo(otherLot))
        .extracting(f -> f.kind())
        .contains(Kind.LOT_EDITED);
  }

  @Test
  void anUnknownKeyIdIsReported() {
    sql("update credits_entry set key_id = 'gone' where wallet_id = ? and seq = 2", victimId);
    assertThat(verify().findings()).extracting(f -> f.kind()).containsExactly(Kind.UNKNOWN_KEY_ID);
  }

  @Test
  void rotationKeepsOldRowsVerifiableAndNewRowsUseTheNewKey() {
    LedgerKeys rotated =
        LedgerKeys.current("t3", TestDatabase.key(3))
            .add("t2", TestDatabase.key(2))
            .add("t1", TestDatabase.key(1))
            .build();
    try (Credits4j next = withKeys(rotated)) {
      next.ledger().grant(dev.credits4j.api.GrantRequest.builder(victim, n(4), SYSTEM).build());
      assertThat(
              queryValue(
                  "select key_id from credits_entry where wallet_id = ? and seq = 6", victimId))
          .isEqualTo("t3");
      assertThat(queryValue("select head_key_id from credits_wallet where id = ?", victimId))
          .isEqualTo("t3");
      assertThat(next.ledger().verify(victim).findings()).isEmpty();
    }
    // The old ring no longer knows the new key id: it says so instead of passing it.
    assertThat(verify().findings()).extracting(f -> f.kind()).contains(Kind.UNKNOWN_KEY_ID);
  }

  @Test
  void aWrongKeyCannotPassOffAsTheRightOne() {
    LedgerKeys impostor = LedgerKeys.current("t2", TestDatabase.key(9)).build();
    try (Credits4j other = withKeys(impostor)) {
      VerificationReport v = other.ledger().verify(victim);
      assertThat(v.valid()).isFalse();
      assertThat(v.findings())
          .extracting(f -> f.kind())
          .contains(
              Kind.ENTRY_EDITED, Kind.WALLET_HEAD_EDITED, Kind.LOT_EDITED, Kind.PURCHASE_EDITED);
    }
  }

  @Test
  void aKeyedWalletRefusesKeylessWrites() {
    try (Credits4j keyless =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.defaultIsolation()))
            .clock(clock)
            .build()) {
      assertThatThrownBy(
              () ->
                  keyless
                      .ledger()
                      .grant(dev.credits4j.api.GrantRequest.builder(victim, n(1), SYSTEM).build()))
          .hasMessageContaining("CREDITS-0011");
      assertThatThrownBy(() -> keyless.ledger().checkpointAll())
          .hasMessageContaining("CREDITS-0011");
    }
    assertThat(entries(victim)).isEqualTo(5);
  }

  @Test
  void aCheckpointCatchesATruncationHiddenByAnOldHead(@TempDir Path dir) throws Exception {
    WalletRef bystander = wallet("bystander");
    grant(bystander, 3);
    Path file = dir.resolve("ledger.checkpoint");
    LedgerCheckpoint cp = ledger.checkpoint(ws);
    CheckpointSink.toFile(file).write(cp);
    assertThat(Files.readString(file)).startsWith("credits4j-checkpoint 1\n");
    LedgerCheckpoint read = CheckpointSink.readFile(file);
    assertThat(read).isEqualTo(cp);
    assertThat(ledger.verify(read)).allSatisfy(r -> assertThat(r.findings()).isEmpty());
    assertThat(ledger.verify(read))
        .extracting(VerificationReport::wallet)
        .contains(victim, bystander);
    // Truncate entries 4 and 5 and put back the validly sealed head of entry 3 (as from a backup
    // taken when it was current): without a checkpoint this is undetectable.
    deleteEntries("seq >= 4");
    sealedHeadAt(3);
    assertThat(verify().findings()).as("without the checkpoint it looks clean").isEmpty();
    List<VerificationReport> reports = ledger.verify(read);
    VerificationReport v =
        reports.stream().filter(r -> r.wallet().equals(victim)).findFirst().orElseThrow();
    assertThat(v.findings()).extracting(f -> f.kind()).containsExactly(Kind.CHAIN_TRUNCATED);
    assertThat(v.firstBadSequence()).isEqualTo(4);
    assertThat(
            reports.stream()
                .filter(r -> r.wallet().equals(bystander))
                .findFirst()
                .orElseThrow()
                .valid())
        .isTrue();
  }

  @Test
  void aForgedCheckpointIsRefused() {
    LedgerCheckpoint cp = ledger.checkpointAll();
    List<LedgerCheckpoint.Head> heads = new ArrayList<>();
    for (LedgerCheckpoint.Head h : cp.heads()) {
      heads.add(
          new LedgerCheckpoint.Head(
              h.wallet(), h.walletId(), Math.max(0, h.sequence() - 1), h.hash()));
    }
    LedgerCheckpoint forged =
        new LedgerCheckpoint(cp.workspace(), cp.createdAt(), heads, cp.keyId(), cp.signature());
    CreditsException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            CreditsException.class, () -> ledger.verify(forged));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e).hasMessageContaining("signature");
    assertThat(LedgerCheckpoint.parse(cp.toText())).isEqualTo(cp);
  }

  // ------------------------------------------------------------------ helpers

  private Credits4j withKeys(LedgerKeys keys) {
    return Credits4j.builder()
        .entityManagerFactory(DB.entityManagerFactory(TestDatabase.defaultIsolation()))
        .clock(clock)
        .ledgerKeys(keys)
        .build();
  }

  private void deleteEntries(String where) {
    String entries = "select id from credits_entry where wallet_id = ? and " + where;
    sql(
        "delete from credits_allocation where entry_id in (select id from (" + entries + ") x)",
        victimId);
    assertThat(sql("delete from credits_entry where wallet_id = ? and " + where, victimId))
        .isPositive();
  }

  /** Puts back a wallet head at {@code seq} sealed with the real key: an old head from a backup. */
  private void sealedHeadAt(long seq) {
    String hash =
        (String)
            queryValue(
                "select hash from credits_entry where wallet_id = ? and seq = ?", victimId, seq);
    Object balance =
        queryValue(
            "select balance_after from credits_entry where wallet_id = ? and seq = ?",
            victimId,
            seq);
    Object keyedFrom =
        queryValue("select keyed_from_seq from credits_wallet where id = ?", victimId);
    String seal =
        Seals.seal(
            TestDatabase.LEDGER_KEYS,
            "t2",
            Seals.message("wallet", victimId, ws, "victim", seq, hash, keyedFrom));
    sql(
        "update credits_wallet set last_seq = ?, last_hash = ?, balance = ?, head_seal = ? where id = ?",
        seq,
        hash,
        balance,
        seal,
        victimId);
  }

  /**
   * Recomputes every entry hash of the victim as an unkeyed SHA-256 chain (what an attacker without
   * the key can do) and returns the last.
   */
  private String rechainUnkeyed() {
    String previous = null;
    for (long seq = 1; seq <= 5; seq++) {
      String id =
          (String)
              queryValue(
                  "select id from credits_entry where wallet_id = ? and seq = ?", victimId, seq);
      String hash = DB_HASHER.unkeyed(previous, id);
      sql("update credits_entry set hash = ? where id = ?", hash, id);
      previous = hash;
    }
    return previous;
  }

  private static final UnkeyedHasher DB_HASHER = new UnkeyedHasher();

  /** Reads an entry through JPA and hashes it as the unkeyed chain does. */
  private static final class UnkeyedHasher {
    String unkeyed(String previous, String entryId) {
      jakarta.persistence.EntityManager em =
          DB.entityManagerFactory(TestDatabase.defaultIsolation()).createEntityManager();
      try {
        LedgerEntry e = em.find(LedgerEntry.class, entryId);
        List<EntryHasher.HashedAllocation> parts =
            em
                .createQuery("select a from Allocation a where a.entryId = :e", Allocation.class)
                .setParameter("e", entryId)
                .getResultList()
                .stream()
                .map(a -> new EntryHasher.HashedAllocation(a.getLotId(), a.getAmount()))
                .toList();
        return EntryHasher.hash(LedgerKeys.none(), null, previous, e, parts);
      } finally {
        em.close();
      }
    }
  }
}
