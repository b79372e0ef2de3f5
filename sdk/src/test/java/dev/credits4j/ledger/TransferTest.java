package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transfers move credits between two wallets of a workspace, lot by lot. */
class TransferTest extends LedgerTestBase {
  private WalletRef acme;
  private WalletRef globex;

  @BeforeEach
  void wallets() {
    acme = wallet("acme");
    globex = wallet("globex");
  }

  private TransferRequest move(WalletRef from, WalletRef to, long credits, Actor actor) {
    return new TransferRequest(
        from, to, n(credits), ReasonCode.ADJUSTMENT, "rebalance", actor, null);
  }

  @Test
  void transferRecordsBothSidesWithTheirCounterparty() {
    grant(acme, 50);
    grant(globex, 5);

    TransferResult r = ledger.transfer(move(acme, globex, 20, TEAM));

    LedgerEntryView out = r.outgoing();
    assertThat(out.wallet()).isEqualTo(acme);
    assertThat(out.type()).isEqualTo(EntryType.TRANSFER_OUT);
    assertThat(out.sequence()).isEqualTo(2);
    assertThat(out.amount()).isEqualByComparingTo("-20");
    assertThat(out.balanceAfter()).isEqualByComparingTo("30");
    assertThat(out.counterparty()).isEqualTo(globex);
    assertThat(out.reason()).isEqualTo(ReasonCode.ADJUSTMENT);
    assertThat(out.description()).isEqualTo("rebalance");
    assertThat(out.actor()).isEqualTo(TEAM);

    LedgerEntryView in = r.incoming();
    assertThat(in.wallet()).isEqualTo(globex);
    assertThat(in.type()).isEqualTo(EntryType.TRANSFER_IN);
    assertThat(in.sequence()).isEqualTo(2);
    assertThat(in.amount()).isEqualByComparingTo("20");
    assertThat(in.balanceAfter()).isEqualByComparingTo("25");
    assertThat(in.counterparty()).isEqualTo(acme);
    assertThat(in.reason()).isEqualTo(ReasonCode.ADJUSTMENT);
    assertThat(in.actor()).isEqualTo(TEAM);

    assertThat(ledger.getEntry(acme, out.id())).isEqualTo(out);
    assertThat(ledger.getEntry(globex, in.id())).isEqualTo(in);
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
    assertThat(balanceOf(globex)).isEqualByComparingTo("25");
  }

  @Test
  void movedCreditsKeepTheirExpiryCostBasisAndPriority() {
    Instant soon = clock.instant().plus(Duration.ofDays(7));
    LotId freeSoon =
        lotOf(ledger.grant(GrantRequest.builder(acme, n(10), SYSTEM).expiresAt(soon).build()));
    LotId paid =
        lotOf(
            ledger.grant(
                GrantRequest.builder(acme, n(20), SYSTEM)
                    .costBasis(Money.of(new BigDecimal("0.75"), USD))
                    .priority(2)
                    .build()));
    clock.advance(Duration.ofHours(1));

    TransferResult r = ledger.transfer(move(acme, globex, 15, SYSTEM));

    assertThat(allocations(r.outgoing()))
        .containsExactly(alloc(freeSoon, "-10"), alloc(paid, "-5"));
    assertThat(r.incoming().allocations()).hasSize(2);
    LotId first = r.incoming().allocations().get(0).lot();
    LotId second = r.incoming().allocations().get(1).lot();
    assertThat(allocations(r.incoming())).containsExactly(alloc(first, "10"), alloc(second, "5"));

    LotRow a = lotRow(first);
    assertThat(a.source()).isEqualTo(LotSource.TRANSFER);
    assertThat(a.original()).isEqualByComparingTo("10");
    assertThat(a.remaining()).isEqualByComparingTo("10");
    assertThat(a.expiresAt()).isEqualTo(soon);
    assertThat(a.costBasis()).isEqualByComparingTo("0");
    assertThat(a.priority()).isZero();
    assertThat(a.originLotId()).isEqualTo(freeSoon.toString());
    assertThat(a.effectiveAt()).isEqualTo(clock.instant());

    LotRow b = lotRow(second);
    assertThat(b.source()).isEqualTo(LotSource.TRANSFER);
    assertThat(b.original()).isEqualByComparingTo("5");
    assertThat(b.remaining()).isEqualByComparingTo("5");
    assertThat(b.expiresAt()).isNull();
    assertThat(b.costBasis()).isEqualByComparingTo("0.75");
    assertThat(b.currency()).isEqualTo("USD");
    assertThat(b.priority()).isEqualTo(2);
    assertThat(b.originLotId()).isEqualTo(paid.toString());

    assertThat(lotRow(freeSoon).remaining()).isEqualByComparingTo("0");
    assertThat(lotRow(paid).remaining()).isEqualByComparingTo("15");
    assertThat(ledger.balance(globex).lots()).hasSize(2);
  }

  @Test
  void transferIntoAWalletInOverdraftRepaysItFirst() {
    grant(acme, 30);
    ledger.setOverdraftLimit(globex, n(10), TEAM);
    consume(globex, 4);

    TransferResult r = ledger.transfer(move(acme, globex, 10, TEAM));

    LotId split = lotOf(r.incoming());
    assertThat(allocations(r.incoming())).containsExactly(overdraft("4"), alloc(split, "6"));
    assertThat(lotRow(split).original()).isEqualByComparingTo("10");
    assertThat(lotRow(split).remaining()).isEqualByComparingTo("6");
    assertThat(ledger.balance(globex).overdraftUsed()).isEqualByComparingTo("0");
    assertThat(balanceOf(globex)).isEqualByComparingTo("6");
  }

  @Test
  void heldCreditsCannotBeTransferred() {
    grant(acme, 30);
    ledger.hold(
        new dev.credits4j.api.HoldRequest(
            acme, n(25), Duration.ofHours(1), null, dev.credits4j.api.References.NONE, TEAM, null));
    InsufficientCreditsException e =
        insufficient(() -> ledger.transfer(move(acme, globex, 10, TEAM)));
    assertThat(e.available()).isEqualByComparingTo("5");
    assertThat(e.balance()).isEqualByComparingTo("30");
  }

  @Test
  void transferToTheSameWalletIsRefused() {
    grant(acme, 30);
    var e =
        failure(ErrorCode.SAME_WALLET_TRANSFER, () -> ledger.transfer(move(acme, acme, 5, TEAM)));
    assertThat(fields(e)).containsExactly("to");
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void transferToAnotherWorkspaceIsRefused() {
    grant(acme, 30);
    String otherWs = newWorkspace(s -> s);
    WalletRef elsewhere = walletIn(otherWs, "acme");
    var e =
        failure(
            ErrorCode.CROSS_WORKSPACE_TRANSFER,
            () -> ledger.transfer(move(acme, elsewhere, 5, TEAM)));
    assertThat(fields(e)).containsExactly("to.workspace");
    assertThat(entries(acme)).isEqualTo(1);
    assertThat(entries(elsewhere)).isZero();
  }

  @Test
  void insufficientCreditsMoveNothing() {
    grant(acme, 30);
    grant(globex, 1);
    WalletState from = state(acme);
    WalletState to = state(globex);

    InsufficientCreditsException e =
        insufficient(() -> ledger.transfer(move(acme, globex, 31, TEAM)));

    assertThat(e.balance()).isEqualByComparingTo("30");
    assertThat(e.available()).isEqualByComparingTo("30");
    assertThat(e.required()).isEqualByComparingTo("31");
    assertThat(e.shortfall()).isEqualByComparingTo("1");
    assertThat(state(acme)).isEqualTo(from);
    assertThat(state(globex)).isEqualTo(to);
  }

  @Test
  void clientsMayNotTransfer() {
    grant(acme, 30);
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> ledger.transfer(move(acme, globex, 5, CLIENT)));
    assertThat(entries(acme)).isEqualTo(1);
    assertThat(entries(globex)).isZero();
  }

  @Test
  void unknownWalletsAreReported() {
    grant(acme, 30);
    WalletRef nobody = WalletRef.of(ws, "nobody");
    failure(ErrorCode.WALLET_NOT_FOUND, () -> ledger.transfer(move(acme, nobody, 5, TEAM)));
    failure(ErrorCode.WALLET_NOT_FOUND, () -> ledger.transfer(move(nobody, acme, 5, TEAM)));
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
  }

  @Test
  void oppositeTransfersRunningTogetherNeverDeadlock() throws Exception {
    grant(acme, 100);
    grant(globex, 100);
    int perThread = 8;
    int threadsPerDirection = 2;
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerDirection);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> done = new ArrayList<>();
    try {
      for (int t = 0; t < 2 * threadsPerDirection; t++) {
        boolean forward = t % 2 == 0;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    ledger.transfer(
                        forward ? move(acme, globex, 3, TEAM) : move(globex, acme, 3, TEAM));
                  }
                  return perThread;
                }));
      }
      start.countDown();
      int transfers = 0;
      for (Future<Integer> f : done) {
        transfers += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(transfers).isEqualTo(2 * threadsPerDirection * perThread);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    assertThat(balanceOf(globex)).isEqualByComparingTo("100");
    long each = 1 + 2L * threadsPerDirection * perThread;
    assertThat(entries(acme)).isEqualTo(each);
    assertThat(entries(globex)).isEqualTo(each);
  }
}
