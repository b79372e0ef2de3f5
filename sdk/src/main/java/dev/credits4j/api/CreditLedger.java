package dev.credits4j.api;

import java.util.List;

/**
 * The credit ledger of docs/ledger.md: every balance change of a wallet as an immutable,
 * hash-chained entry whose allocations say which lots it drew from or added to.
 *
 * <p>Every mutating operation runs in one transaction of its own, locks the wallets it touches in a
 * fixed order, and retries serialization failures and deadlocks transparently (bounded). An
 * idempotency key, when given, makes a replay return the first result with one effect; the same key
 * with a different request fails with {@link ErrorCode#IDEMPOTENCY_CONFLICT}. Any error leaves the
 * ledger unchanged.
 */
public interface CreditLedger {
  /** The most requests one {@link #consumeBatch} takes. */
  int MAX_BATCH = 1000;

  /** Adds a lot (purchase, allotment). */
  LedgerEntryView grant(GrantRequest request);

  /**
   * Debits credits for usage, drawing from lots in draw-down order.
   *
   * @throws InsufficientCreditsException when available credits (plus overdraft) fall short
   */
  LedgerEntryView consume(ConsumeRequest request);

  /**
   * {@link #consume}s up to {@link #MAX_BATCH} requests, each with its own wallet and its own
   * (required) idempotency key, one after the other in input order, each in a transaction of its
   * own: one outcome per request, in the same order, either its entry or its refusal (insufficient
   * credits with the shortfall, invalid input, unknown wallet, idempotency conflict...). A refusal
   * never undoes nor stops another request. Replaying a batch replays it request by request, under
   * each one's key; a refused request left nothing behind and runs again.
   *
   * <p>The same key twice in one batch behaves as two calls in a row: on the same wallet, the
   * second is a replay of the first (same entry, one debit) when it asks the same, and an {@link
   * ErrorCode#IDEMPOTENCY_CONFLICT} when it does not; on two wallets, keys do not meet.
   *
   * <p>Call it outside any transaction of the host's: inside one, the requests join it, and a
   * refusal marks the whole of it rollback-only unless the host offers savepoints.
   *
   * @throws CreditsException {@code invalid-request} naming {@code requests} (null, empty, more
   *     than {@link #MAX_BATCH}) or {@code requests[i]} (a null request), before anything runs
   */
  List<ConsumeOutcome> consumeBatch(List<ConsumeRequest> requests);

  /** A team member adds credits (bonus, correction, compensation...); a reason is required. */
  LedgerEntryView addManually(AdjustmentRequest request);

  /** A team member deducts credits (penalty, correction, recall...); a reason is required. */
  LedgerEntryView deductManually(AdjustmentRequest request);

  /** Moves credits between two wallets of a workspace, keeping their expiry and cost basis. */
  TransferResult transfer(TransferRequest request);

  /** Gives back the credits of a usage entry to the lots they came from. */
  LedgerEntryView reverse(ReversalRequest request);

  /** Reserves credits against lots until captured, released, or timed out. */
  HoldView hold(HoldRequest request);

  /** Settles a hold with a usage entry for its real cost and releases the rest. */
  CaptureResult capture(CaptureRequest request);

  /** Releases a hold's reservation without debiting anything. */
  HoldView release(HoldId hold, Actor actor, String idempotencyKey);

  /**
   * Lets the wallet go down to {@code -limit} available credits (0, the default, forbids it). Only
   * a team member or the system may change it, and never below what the wallet already owes: the
   * overdraft it uses, or minus its available credits when those are lower still.
   */
  Balance setOverdraftLimit(WalletRef wallet, java.math.BigDecimal limit, Actor actor);

  /**
   * Releases every active hold whose timeout has passed, in every workspace; returns how many.
   * Until this runs, balances already leave such holds out of {@code held} and {@code available},
   * and any operation that needs their credits releases them first.
   */
  int releaseExpiredHolds();

  /** {@link #releaseExpiredHolds()} for the wallets of one workspace only. */
  int releaseExpiredHolds(String workspace);

  HoldView getHold(HoldId hold);

  /** Balance, held, available and the lots that still hold credits, in draw-down order. */
  Balance balance(WalletRef wallet);

  /** One page of the wallet's entries, newest first, filtered by type and time. */
  HistoryPage history(HistoryQuery query);

  LedgerEntryView getEntry(WalletRef wallet, EntryId entry);

  /** Checks the invariants of docs/ledger.md for one wallet and reports every drift found. */
  ReconciliationReport reconcile(WalletRef wallet);

  /**
   * Verifies the wallet's tamper evidence (docs/ledger.md, "Tamper evidence"): re-hashes its entry
   * chain with the key each entry names and checks the sealed wallet head, lots and purchases;
   * reports every finding by kind. Without ledger keys only the unkeyed chain is checked.
   */
  VerificationReport verify(WalletRef wallet);

  /**
   * A signed checkpoint of every wallet head of the workspace, to be stored outside the database
   * (see {@link dev.credits4j.spi.CheckpointSink}).
   *
   * @throws IllegalStateException when no ledger keys are configured
   */
  LedgerCheckpoint checkpoint(String workspace);

  /** A signed checkpoint of every wallet head of every workspace. */
  LedgerCheckpoint checkpointAll();

  /**
   * Verifies every wallet of the checkpoint as {@link #verify(WalletRef)} does and, in addition,
   * that each still holds the entries the checkpoint vouches for, unchanged (truncation after a
   * checkpoint is a {@link TamperFinding.Kind#CHAIN_TRUNCATED}). One report per head, in order.
   *
   * @throws CreditsException {@code invalid-request} when the checkpoint's signature does not
   *     verify or names a key id that is not configured
   */
  List<VerificationReport> verify(LedgerCheckpoint checkpoint);
}
