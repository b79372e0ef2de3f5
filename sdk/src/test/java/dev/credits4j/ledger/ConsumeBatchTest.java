package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CreditLedger#consumeBatch}: each request answered on its own, in order, a refusal never
 * undoing another; replays request by request; a bad batch changes nothing.
 */
class ConsumeBatchTest extends LedgerTestBase {
  private WalletRef acme;
  private WalletRef globex;

  @BeforeEach
  void wallets() {
    acme = wallet("acme");
    globex = wallet("globex");
    grant(acme, 100);
    grant(globex, 5);
  }

  private static ConsumeRequest use(WalletRef w, String credits, String key) {
    return ConsumeRequest.of(w, n(credits), TEAM, key);
  }

  private List<ConsumeRequest> mixed() {
    return List.of(
        use(acme, "30", "k-1"),
        use(globex, "10", "k-2"),
        use(acme, "-1", "k-3"),
        use(WalletRef.of(ws, "nobody"), "1", "k-4"),
        use(acme, "20", "k-5"));
  }

  private static ErrorCode code(ConsumeOutcome o) {
    assertThat(o.consumed()).as("refused: %s", o).isFalse();
    return o.refusal().code();
  }

  @Test
  void eachRequestIsAnsweredOnItsOwnInOrder() {
    List<ConsumeOutcome> out = ledger.consumeBatch(mixed());

    assertThat(out).hasSize(5);
    assertThat(out.get(0).consumed()).isTrue();
    assertThat(out.get(0).entry().type()).isEqualTo(EntryType.USAGE);
    assertThat(out.get(0).entry().amount()).isEqualByComparingTo("-30");
    assertThat(code(out.get(1))).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    InsufficientCreditsException shortfall = (InsufficientCreditsException) out.get(1).refusal();
    assertThat(shortfall.shortfall()).isEqualByComparingTo("5");
    assertThat(code(out.get(2))).isEqualTo(ErrorCode.INVALID_AMOUNT);
    assertThat(fields(out.get(2).refusal())).containsExactly("credits");
    assertThat(code(out.get(3))).isEqualTo(ErrorCode.WALLET_NOT_FOUND);
    assertThat(out.get(4).entry().amount()).isEqualByComparingTo("-20");
    assertThat(out.get(4).entry().sequence()).isGreaterThan(out.get(0).entry().sequence());

    assertThat(balanceOf(acme)).isEqualByComparingTo("50");
    assertThat(balanceOf(globex)).isEqualByComparingTo("5");
    assertThat(entries(acme)).isEqualTo(3);
    assertThat(entries(globex)).isEqualTo(1);
  }

  @Test
  void aReplayedBatchReplaysRequestByRequest() {
    List<ConsumeOutcome> first = ledger.consumeBatch(mixed());
    List<ConsumeOutcome> again = ledger.consumeBatch(mixed());

    assertThat(again.get(0).entry()).isEqualTo(first.get(0).entry());
    assertThat(again.get(4).entry()).isEqualTo(first.get(4).entry());
    assertThat(code(again.get(1))).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    assertThat(code(again.get(2))).isEqualTo(ErrorCode.INVALID_AMOUNT);
    assertThat(code(again.get(3))).isEqualTo(ErrorCode.WALLET_NOT_FOUND);
    assertThat(balanceOf(acme)).isEqualByComparingTo("50");
    assertThat(entries(acme)).isEqualTo(3);

    // A refusal left nothing behind: once globex can pay, the same batch debits it, once.
    grant(globex, 10);
    List<ConsumeOutcome> third = ledger.consumeBatch(mixed());
    assertThat(third.get(1).consumed()).isTrue();
    assertThat(third.get(0).entry()).isEqualTo(first.get(0).entry());
    assertThat(ledger.consumeBatch(mixed()).get(1).entry()).isEqualTo(third.get(1).entry());
    assertThat(balanceOf(globex)).isEqualByComparingTo("5");
    assertThat(balanceOf(acme)).isEqualByComparingTo("50");
  }

  @Test
  void theSameKeyTwiceInOneBatchIsAReplayOrAConflict() {
    List<ConsumeOutcome> out =
        ledger.consumeBatch(
            List.of(
                use(acme, "10", "dup"),
                use(acme, "10", "dup"),
                use(acme, "11", "dup"),
                use(globex, "2", "dup")));

    assertThat(out.get(1).entry()).isEqualTo(out.get(0).entry());
    assertThat(code(out.get(2))).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    // Keys belong to a wallet: the same key on another wallet is another request.
    assertThat(out.get(3).entry().amount()).isEqualByComparingTo("-2");
    assertThat(balanceOf(acme)).isEqualByComparingTo("90");
    assertThat(balanceOf(globex)).isEqualByComparingTo("3");
    assertThat(entries(acme)).isEqualTo(2);
  }

  @Test
  void aRequestWithoutKeyIsRefusedAndTheOthersRun() {
    ConsumeRequest described =
        new ConsumeRequest(acme, n("3"), "report run", References.NONE, TEAM, "k-2");
    List<ConsumeOutcome> out =
        ledger.consumeBatch(List.of(use(acme, "1", null), described, use(acme, "2", "  ")));

    assertThat(code(out.get(0))).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(fields(out.get(0).refusal())).containsExactly("idempotencyKey");
    assertThat(out.get(1).entry().description()).isEqualTo("report run");
    assertThat(fields(out.get(2).refusal())).containsExactly("idempotencyKey");
    assertThat(balanceOf(acme)).isEqualByComparingTo("97");
  }

  @Test
  void aBadBatchIsRefusedAsAWholeAndChangesNothing() {
    WalletState before = state(acme);
    List<ConsumeRequest> tooMany = new ArrayList<>();
    for (int i = 0; i <= CreditLedger.MAX_BATCH; i++) {
      tooMany.add(use(acme, "1", "many-" + i));
    }
    List<ConsumeRequest> withNull = Arrays.asList(use(acme, "1", "n-0"), null);

    CreditsException none = failure(ErrorCode.INVALID_REQUEST, () -> ledger.consumeBatch(null));
    assertThat(fields(none)).containsExactly("requests");
    CreditsException empty =
        failure(ErrorCode.INVALID_REQUEST, () -> ledger.consumeBatch(Collections.emptyList()));
    assertThat(fields(empty)).containsExactly("requests");
    CreditsException big = failure(ErrorCode.INVALID_REQUEST, () -> ledger.consumeBatch(tooMany));
    assertThat(fields(big)).containsExactly("requests");
    assertThat(big.getMessage()).contains("1 to 1000").contains("1001");
    CreditsException hole = failure(ErrorCode.INVALID_REQUEST, () -> ledger.consumeBatch(withNull));
    assertThat(fields(hole)).containsExactly("requests[1]");

    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void aFullBatchOfOneThousandRuns() {
    grant(acme, 900);
    List<ConsumeRequest> full = new ArrayList<>();
    for (int i = 0; i < CreditLedger.MAX_BATCH; i++) {
      full.add(use(acme, "1", "full-" + i));
    }
    List<ConsumeOutcome> out = ledger.consumeBatch(full);

    assertThat(out).hasSize(1000).allMatch(ConsumeOutcome::consumed);
    assertThat(balanceOf(acme)).isEqualByComparingTo("0");
    assertThat(entries(acme)).isEqualTo(1002);
  }
}
