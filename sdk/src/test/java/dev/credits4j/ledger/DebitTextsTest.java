package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The texts of a debit (description, idempotency key, actor, references) stored exactly as given,
 * whatever characters they hold, by a single consume and by a batch over several wallets. On
 * PostgreSQL these rows go as one array per column ({@code NativeDebitWrites}), so the characters
 * an array literal gives meaning to (quotes, backslashes, braces, commas, the word NULL, spaces)
 * are the ones that could be mangled; the invariants checked after the test include the hash chain,
 * which a changed text breaks.
 */
class DebitTextsTest extends LedgerTestBase {
  private static final List<String> TEXTS =
      List.of(
          "it's \"quoted\"",
          "back\\slash \\\\ and \\\"",
          "{braces},{commas}",
          "NULL",
          "null",
          "a b  c",
          "Zoë 東京 ☃ 😀",
          "'; DROP TABLE credits_entry; --",
          "\"{\\\",NULL}\"");

  @Test
  void aConsumeStoresItsTextsExactly() {
    WalletRef w = wallet("org-texts");
    grant(w, 1000);
    for (int i = 0; i < TEXTS.size(); i++) {
      String text = TEXTS.get(i);
      LedgerEntryView e =
          ledger.consume(
              new ConsumeRequest(
                  w,
                  n(1),
                  text,
                  References.request("svc " + text, "req " + i),
                  Actor.client("u-" + i, text),
                  "key " + text));
      assertStored(e, text, i);
    }
    touched.add(w);
  }

  @Test
  void aBatchOverSeveralWalletsStoresEveryItemsTextsExactly() {
    List<WalletRef> wallets = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      WalletRef w = wallet("org-batch-texts-" + k);
      grant(w, 1000);
      wallets.add(w);
    }
    List<ConsumeRequest> items = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      String text = TEXTS.get(i);
      items.add(
          new ConsumeRequest(
              wallets.get(i % wallets.size()),
              n(1),
              text,
              References.request("svc " + text, "req " + i),
              Actor.client("u-" + i, text),
              "key " + text));
    }
    List<ConsumeOutcome> out = ledger.consumeBatch(items);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertStored(out.get(i).entry(), TEXTS.get(i), i);
    }
    // Replays find each stored key: the same entries, nothing debited twice.
    List<ConsumeOutcome> again = ledger.consumeBatch(items);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(again.get(i).entry().id()).isEqualTo(out.get(i).entry().id());
    }
    for (WalletRef w : wallets) {
      assertThat(balanceOf(w)).isEqualByComparingTo(n(1000 - 3));
      touched.add(w);
    }
  }

  private static void assertStored(LedgerEntryView e, String text, int i) {
    String id = e.id().value().toString();
    assertThat(queryValue("SELECT description FROM credits_entry WHERE id = ?", id))
        .isEqualTo(text);
    assertThat(queryValue("SELECT idempotency_key FROM credits_entry WHERE id = ?", id))
        .isEqualTo("key " + text);
    assertThat(queryValue("SELECT actor_name FROM credits_entry WHERE id = ?", id)).isEqualTo(text);
    assertThat(queryValue("SELECT offering_id FROM credits_entry WHERE id = ?", id))
        .isEqualTo("svc " + text);
    assertThat(queryValue("SELECT request_id FROM credits_entry WHERE id = ?", id))
        .isEqualTo("req " + i);
    assertThat(
            count(
                "SELECT count(*) FROM credits_idempotency WHERE wallet_id = ? AND idem_key = ?",
                walletId(e.wallet()),
                "key " + text))
        .isEqualTo(1);
  }
}
