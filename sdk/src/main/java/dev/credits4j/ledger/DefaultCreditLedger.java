package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerCheckpoint;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.Suggestions;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The ledger of docs/ledger.md over JPA; see {@link CreditLedger}. A thin service: it checks each
 * request as far as it can before its transaction, opens the transaction, locks the wallet (two, in
 * id order, for a transfer) and hands the locked wallet's operations the rest ({@link Debits},
 * {@link Grants}, {@link Reversals}, {@link Transfers}, {@link Holds}; reads through {@link
 * Balances}, {@link HistoryPages}, {@link Reconciler}, {@link Verifier} and {@link Checkpoints}).
 */
@ApplicationScoped
public class DefaultCreditLedger implements CreditLedger {
  private static final int DESCRIPTION_MAX = LedgerEntryView.MAX_DESCRIPTION_LENGTH;
  private static final int EXPIRED_HOLD_BATCH = 100;

  private CreditsContext ctx;
  private PackageCatalog catalog;

  /** Concurrent consumes of one wallet run together; null when coalescing is off. */
  private DebitCoalescer<CoalescedConsumes.Debit, CoalescedConsumes.Outcome> coalescer;

  private CoalescedConsumes consumes;

  /** A batch's consumes of several wallets in one transaction; null when coalescing is off. */
  private ConsumesAcrossWallets acrossWallets;

  /** For CDI's client proxies only. */
  protected DefaultCreditLedger() {}

  /**
   * Under CDI: coalesces consumes as a {@link DebitCoalescing} bean of the host says, by default
   * {@link DebitCoalescing#DEFAULTS}.
   */
  @Inject
  public DefaultCreditLedger(
      CreditsContext ctx, PackageCatalog catalog, Instance<DebitCoalescing> coalescing) {
    this(ctx, catalog, coalescing.isResolvable() ? coalescing.get() : DebitCoalescing.DEFAULTS);
  }

  public DefaultCreditLedger(CreditsContext ctx, PackageCatalog catalog) {
    this(ctx, catalog, DebitCoalescing.DEFAULTS);
  }

  public DefaultCreditLedger(
      CreditsContext ctx, PackageCatalog catalog, DebitCoalescing coalescing) {
    this.ctx = ctx;
    this.catalog = catalog;
    if (coalescing.enabled()) {
      this.consumes = new CoalescedConsumes(ctx, this::consumeAlone);
      this.coalescer = new DebitCoalescer<>(coalescing, consumes::run);
      this.acrossWallets = new ConsumesAcrossWallets(ctx, consumes);
    }
  }

  private <T> T write(Function<WalletBook, T> work) {
    return ctx.transactions().inTransaction(em -> work.apply(new WalletBook(em, ctx)));
  }

  private <T> T read(Function<WalletBook, T> work) {
    return ctx.transactions().read(em -> work.apply(new WalletBook(em, ctx)));
  }

  /** A pure read a read replica may serve, when one is configured (history pages). */
  private <T> T replicaRead(Function<WalletBook, T> work) {
    return ctx.replicaReads().read(em -> work.apply(new WalletBook(em, ctx)));
  }

  /** Locks the wallet FOR UPDATE in {@code b}'s transaction. */
  private static LockedWallet lock(WalletBook b, WalletRef ref) {
    return LockedWallet.of(b, b.lock(ref));
  }

  /** Locks the wallet of id {@code walletId} FOR UPDATE in {@code b}'s transaction. */
  private static LockedWallet lockById(WalletBook b, String walletId) {
    return LockedWallet.of(b, b.lockById(walletId));
  }

  /** {@code requested} credits checked against the locked wallet's workspace's scale. */
  private static BigDecimal credits(LockedWallet w, BigDecimal requested) {
    return CreditAmounts.requirePositive("credits", requested, w.workspace().getCreditScale());
  }

  // ---------------------------------------------------------------- grants and debits

  @Override
  public LedgerEntryView grant(GrantRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("wallet", r.wallet());
    Actor actor = Checks.required("actor", r.actor());
    EntryType type = Checks.required("type", r.type());
    if (type != EntryType.PURCHASE && type != EntryType.ALLOTMENT) {
      throw Checks.invalid(
          "type", "must be PURCHASE or ALLOTMENT (manual additions use addManually), was " + type);
    }
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    References refs = Checks.references(r.references());
    return write(b -> lock(b, r.wallet()).grants().grant(r, type, description, key, refs, actor));
  }

  @Override
  public LedgerEntryView consume(ConsumeRequest r) {
    CoalescedConsumes.Debit d = checkedConsume(r);
    try {
      if (coalescer != null && !ctx.transactions().joinsHost()) {
        return coalescer.submit(d.wallet(), d).get();
      }
      return consumeAlone(d);
    } catch (InsufficientCreditsException e) {
      throw withSuggestions(d, e);
    }
  }

  /** A consume request checked as far as it can be before its wallet is locked. */
  private static CoalescedConsumes.Debit checkedConsume(ConsumeRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("wallet", r.wallet());
    Actor actor = Checks.required("actor", r.actor());
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    References refs = Checks.references(r.references());
    return new CoalescedConsumes.Debit(r.wallet(), r.credits(), description, refs, actor, key);
  }

  private InsufficientCreditsException withSuggestions(
      CoalescedConsumes.Debit d, InsufficientCreditsException e) {
    return e.withSuggestions(suggestions(d.wallet().workspace(), e.shortfall()));
  }

  /** The batches of consumes, null when coalescing is off (for tests). */
  CoalescedConsumes consumes() {
    return consumes;
  }

  /** The coalescer of consumes, null when off (for tests and benchmarks). */
  DebitCoalescer<CoalescedConsumes.Debit, CoalescedConsumes.Outcome> coalescer() {
    return coalescer;
  }

  /** One consume in a transaction of its own, as it runs without coalescing. */
  private LedgerEntryView consumeAlone(CoalescedConsumes.Debit d) {
    return debit(
        d.wallet(),
        d.credits(),
        EntryType.USAGE,
        null,
        d.description(),
        d.references(),
        d.actor(),
        d.key(),
        "consume");
  }

  /**
   * With coalescing on (and no host transaction), consecutive requests of one wallet run together
   * as {@link CoalescedConsumes} does, up to the batch size at a time; otherwise one by one.
   */
  @Override
  public List<ConsumeOutcome> consumeBatch(List<ConsumeRequest> requests) {
    if (coalescer == null || ctx.transactions().joinsHost()) {
      return ConsumeBatch.run(this, requests);
    }
    return ConsumeBatch.run(
        requests,
        coalescer.maxBatch(),
        DefaultCreditLedger::checkedConsume,
        debits -> {
          List<CoalescedConsumes.Outcome> outcomes = new ArrayList<>(debits.size());
          for (CoalescedConsumes.Outcome o : acrossWallets.run(debits)) {
            outcomes.add(
                o.failure() instanceof InsufficientCreditsException e
                    ? CoalescedConsumes.Outcome.failed(
                        withSuggestions(debits.get(outcomes.size()), e))
                    : o);
          }
          return outcomes;
        });
  }

  /** The packages that would cover a shortfall (looked up after the failed transaction). */
  private List<CreditPackageView> suggestions(String workspace, BigDecimal shortfall) {
    return Suggestions.covering(catalog, workspace, shortfall, ctx.now());
  }

  @Override
  public LedgerEntryView addManually(AdjustmentRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("wallet", r.wallet());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "add credits manually");
    ReasonCode reason = requireReason(r.reason());
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    if (reason == ReasonCode.OTHER && description == null) {
      throw reasonRequired("description", "is required when the reason is OTHER");
    }
    String key = Checks.idempotencyKey(r.idempotencyKey());
    return write(b -> lock(b, r.wallet()).grants().addManually(r, reason, description, key, actor));
  }

  @Override
  public LedgerEntryView deductManually(AdjustmentRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("wallet", r.wallet());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireTeam(actor, "deduct credits manually");
    ReasonCode reason = requireReason(r.reason());
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    if (description == null) {
      throw reasonRequired("description", "is required for a manual deduction");
    }
    if (r.expiresAt() != null) {
      throw Checks.invalid("expiresAt", "applies to additions only");
    }
    String key = Checks.idempotencyKey(r.idempotencyKey());
    return debit(
        r.wallet(),
        r.credits(),
        EntryType.MANUAL_DEDUCTION,
        reason,
        description,
        References.NONE,
        actor,
        key,
        "deduct");
  }

  /**
   * A debit in a transaction of its own; in the SDK's own transaction its writes are collected and
   * sent as one statement where the database allows ({@link NativeDebitWrites}).
   */
  private LedgerEntryView debit(
      WalletRef ref,
      BigDecimal requested,
      EntryType type,
      ReasonCode reason,
      String description,
      References refs,
      Actor actor,
      String key,
      String operation) {
    boolean own = !ctx.transactions().joinsHost();
    return write(
        b -> {
          LockedWallet w = lock(b, ref);
          if (own) {
            b.collectDebitWrites();
          }
          BigDecimal credits = credits(w, requested);
          LedgerEntryView entry =
              w.debits().debit(credits, type, reason, description, refs, actor, key, operation);
          b.finishDebitWrites(w.wallet());
          return entry;
        });
  }

  // ---------------------------------------------------------------- transfers and reversals

  @Override
  public TransferResult transfer(TransferRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("from", r.from());
    WalletBook.requireRef("to", r.to());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "transfer credits");
    if (r.from().equals(r.to())) {
      throw new CreditsException(
          ErrorCode.SAME_WALLET_TRANSFER,
          "cannot transfer from a wallet to itself",
          List.of(new FieldViolation("to", "must differ from from")));
    }
    if (!r.from().workspace().equals(r.to().workspace())) {
      throw new CreditsException(
          ErrorCode.CROSS_WORKSPACE_TRANSFER,
          "transfers move credits within one workspace only",
          List.of(new FieldViolation("to.workspace", "must equal from.workspace")));
    }
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    String fromId = read(b -> b.idOf(r.from()));
    String toId = read(b -> b.idOf(r.to()));
    return write(
        b -> {
          // Fixed lock order (by wallet id) so two opposite transfers never deadlock.
          Wallet first = b.lockById(fromId.compareTo(toId) < 0 ? fromId : toId);
          Wallet second = b.lockById(fromId.compareTo(toId) < 0 ? toId : fromId);
          Wallet from = first.getId().equals(fromId) ? first : second;
          Wallet to = from == first ? second : first;
          return LockedWallet.of(b, from)
              .transfers()
              .to(to, r.credits(), r.reason(), description, actor, key);
        });
  }

  @Override
  public LedgerEntryView reverse(ReversalRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("wallet", r.wallet());
    EntryId target = Checks.required("entry", r.entry());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "reverse usage");
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    return write(
        b -> {
          LockedWallet w = lock(b, r.wallet());
          WorkspaceSnapshot ws = w.workspace();
          BigDecimal requested =
              r.credits() == null
                  ? null
                  : CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
          return w.reversals().reverse(target, requested, r.reason(), description, actor, key);
        });
  }

  // ---------------------------------------------------------------- holds

  @Override
  public HoldView hold(HoldRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("wallet", r.wallet());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "place a hold");
    Duration timeout = Holds.timeout(r.timeout());
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    References refs = Checks.references(r.references());
    if (refs.subscriptionId() != null) {
      throw Checks.invalid(
          "references.subscriptionId", "is for a subscription's charges, not for holds");
    }
    return write(
        b -> {
          LockedWallet w = lock(b, r.wallet());
          BigDecimal credits = credits(w, r.credits());
          return w.holds().place(credits, timeout, description, refs, actor, key);
        });
  }

  @Override
  public CaptureResult capture(CaptureRequest r) {
    Checks.required("request", r);
    HoldId holdId = Checks.required("hold", r.hold());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "capture a hold");
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    String walletId = read(b -> Holds.walletOf(b, holdId));
    return write(
        b -> {
          LockedWallet w = lockById(b, walletId);
          BigDecimal credits = credits(w, r.credits());
          return w.holds().capture(holdId, credits, description, actor, key);
        });
  }

  @Override
  public HoldView release(HoldId holdId, Actor actor, String idempotencyKey) {
    Checks.required("hold", holdId);
    Checks.required("actor", actor);
    Checks.requireStaff(actor, "release a hold");
    String key = Checks.idempotencyKey(idempotencyKey);
    String walletId = read(b -> Holds.walletOf(b, holdId));
    return write(b -> lockById(b, walletId).holds().release(holdId, actor, key));
  }

  @Override
  public int releaseExpiredHolds() {
    return releaseExpiredHoldsOf(null);
  }

  @Override
  public int releaseExpiredHolds(String workspace) {
    return releaseExpiredHoldsOf(
        Checks.exactId("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH));
  }

  /**
   * Releases the timed-out holds of one workspace, or of all when {@code workspace} is null: a
   * batch of due holds at a time, each in a transaction of its own under its wallet's lock.
   */
  private int releaseExpiredHoldsOf(String workspace) {
    int released = 0;
    while (true) {
      List<String> due = read(b -> Holds.due(b, workspace, EXPIRED_HOLD_BATCH));
      int progress = 0;
      for (String id : due) {
        String walletId = read(b -> Holds.walletOf(b, HoldId.of(id)));
        progress += write(b -> lockById(b, walletId).holds().expireIfDue(id));
      }
      released += progress;
      if (due.size() < EXPIRED_HOLD_BATCH || progress == 0) {
        return released;
      }
    }
  }

  @Override
  public HoldView getHold(HoldId holdId) {
    Checks.required("hold", holdId);
    return read(
        b -> {
          Hold h = b.em().find(Hold.class, holdId.toString());
          if (h == null) {
            throw Holds.notFound(holdId);
          }
          return LedgerViews.hold(h, b.refOf(h.getWalletId()));
        });
  }

  // ---------------------------------------------------------------- wallet settings

  @Override
  public Balance setOverdraftLimit(WalletRef ref, BigDecimal limit, Actor actor) {
    WalletBook.requireRef("wallet", ref);
    Checks.required("actor", actor);
    Checks.requireStaff(actor, "set an overdraft limit");
    return write(
        b -> {
          Wallet w = b.lock(ref);
          WorkspaceSnapshot ws = b.workspace(w);
          BigDecimal newLimit =
              CreditAmounts.requireNonNegative("limit", limit, ws.getCreditScale());
          // Reversed credits can leave free lots beside overdraft still used: the limit must
          // cover both what available is short of and the overdraft in use, or the next debit
          // (which draws free lots first) takes available below the new limit.
          BigDecimal owed = w.getOverdraftUsed().max(w.getAvailable().negate());
          if (newLimit.compareTo(owed) < 0) {
            throw CreditAmounts.invalid(
                "limit",
                "must be at least "
                    + CreditAmounts.display(owed)
                    + ", what the wallet already owes");
          }
          w.setOverdraftLimit(newLimit);
          return Balances.of(b, w);
        });
  }

  // ---------------------------------------------------------------- reads

  /** A consistent view: the wallet locked for share, which holds off its writers meanwhile. */
  @Override
  public Balance balance(WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    return read(b -> Balances.of(b, b.lockShared(ref)));
  }

  @Override
  public HistoryPage history(HistoryQuery q) {
    Checks.required("query", q);
    WalletBook.requireRef("wallet", q.wallet());
    if (q.limit() < 1 || q.limit() > HistoryQuery.MAX_LIMIT) {
      throw Checks.invalid(
          "limit", "must be 1 to " + HistoryQuery.MAX_LIMIT + ", was " + q.limit());
    }
    if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
      throw Checks.invalid("to", "must be after from");
    }
    Long before = q.cursor() == null ? null : HistoryPages.decodeCursor(q.cursor());
    return replicaRead(b -> HistoryPages.page(b, b.find(q.wallet()), q, before));
  }

  @Override
  public LedgerEntryView getEntry(WalletRef ref, EntryId entry) {
    WalletBook.requireRef("wallet", ref);
    Checks.required("entry", entry);
    return read(
        b -> {
          Wallet w = b.find(ref);
          return LedgerViews.entry(b, w, b.entry(w, entry.toString()));
        });
  }

  @Override
  public ReconciliationReport reconcile(WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    return read(b -> Reconciler.reconcile(b, b.lockShared(ref)));
  }

  @Override
  public VerificationReport verify(WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    return read(b -> new Verifier(b, b.lockShared(ref), ref, ctx.ledgerKeys()).verify(null, null));
  }

  @Override
  public LedgerCheckpoint checkpoint(String workspace) {
    Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    return new Checkpoints(ctx).sign(workspace);
  }

  @Override
  public LedgerCheckpoint checkpointAll() {
    return new Checkpoints(ctx).sign(null);
  }

  @Override
  public List<VerificationReport> verify(LedgerCheckpoint checkpoint) {
    Checks.required("checkpoint", checkpoint);
    return new Checkpoints(ctx).verify(checkpoint);
  }

  // ---------------------------------------------------------------- request checks

  /**
   * Reversals and holds are staff operations, like manual additions and transfers: a client's own
   * path to them is a service request (whose cancel and delivery reverse, hold and capture under
   * the request's rules), never the ledger directly.
   */
  private static ReasonCode requireReason(ReasonCode reason) {
    if (reason == null) {
      throw reasonRequired("reason", "is required for a manual adjustment");
    }
    return reason;
  }

  private static CreditsException reasonRequired(String field, String problem) {
    return new CreditsException(
        ErrorCode.REASON_REQUIRED,
        field + " " + problem,
        List.of(new FieldViolation(field, problem)));
  }
}
