package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.AllocationView;
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
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerCheckpoint;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TamperFinding;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.Suggestions;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.Seals;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.money.MonetaryAmount;

/** The ledger of docs/ledger.md over JPA; see {@link CreditLedger}. */
@ApplicationScoped
public class DefaultCreditLedger implements CreditLedger {
  /** Longest hold timeout accepted. */
  static final Duration MAX_HOLD_TIMEOUT = Duration.ofDays(366);

  /** Most decimal places a cost basis per credit may carry (the column's scale). */
  static final int COST_BASIS_SCALE = 10;

  private static final int DESCRIPTION_MAX = LedgerEntryView.MAX_DESCRIPTION_LENGTH;
  private static final int EXPIRED_HOLD_BATCH = 100;
  private static final int VERIFY_PAGE = 1000;

  private CreditsContext ctx;
  private PackageCatalog catalog;

  /** Concurrent consumes of one wallet run together; null when coalescing is off. */
  private DebitCoalescer<CoalescedConsumes.Debit, CoalescedConsumes.Outcome> coalescer;

  private CoalescedConsumes consumes;

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
    return write(
        b -> {
          Wallet w = b.lock(r.wallet());
          WorkspaceRules ws = b.workspace(w);
          BigDecimal credits =
              CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
          BigDecimal basis = costBasis(r.costBasis(), ws);
          Instant effective = r.effectiveAt() == null ? b.now : Micros.truncate(r.effectiveAt());
          // The request's own expiry, not the computed one: a default expiry counts from now,
          // and a replay must match however much later it comes.
          String fp =
              Fingerprint.of("grant")
                  .add(credits)
                  .add(type)
                  .add(basis)
                  .add(Micros.of(r.expiresAt()))
                  .add(r.effectiveAt() == null ? null : Micros.of(effective))
                  .add(r.priority())
                  .add(r.reason())
                  .add(description)
                  .add(refs)
                  .add(actor)
                  .hex();
          Optional<IdempotencyRecord> first = b.replay(w, key, "grant", fp);
          if (first.isPresent()) {
            return entryView(b, w, b.entry(w, first.get().getResultId()));
          }
          Instant expires = expiry(r.expiresAt(), ws, effective, b.now);
          EntryDraft d = new EntryDraft(w.getId(), type, credits, b.now, actor);
          d.reason = r.reason();
          d.description = description;
          d.references = refs;
          d.idempotencyKey = key;
          Lot lot =
              b.newLot(
                  w,
                  type == EntryType.ALLOTMENT ? LotSource.ALLOTMENT : LotSource.PURCHASE,
                  credits,
                  effective,
                  expires,
                  basis,
                  ws.getCurrency(),
                  r.priority(),
                  d.id,
                  null,
                  refs.purchaseId());
          WalletBook.Appended a = b.append(w, d, b.creditNewLot(w, lot, credits));
          b.remember(w, key, "grant", fp, d.id, null);
          return view(b, w, a);
        });
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
          for (CoalescedConsumes.Outcome o : consumes.run(debits)) {
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
    return write(
        b -> {
          Wallet w = b.lock(r.wallet());
          WorkspaceRules ws = b.workspace(w);
          BigDecimal credits =
              CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
          String fp =
              Fingerprint.of("add")
                  .add(credits)
                  .add(reason)
                  .add(description)
                  .add(Micros.of(r.expiresAt()))
                  .add(actor)
                  .hex();
          Optional<IdempotencyRecord> first = b.replay(w, key, "add", fp);
          if (first.isPresent()) {
            return entryView(b, w, b.entry(w, first.get().getResultId()));
          }
          Instant expires = expiry(r.expiresAt(), ws, b.now, b.now);
          EntryDraft d =
              new EntryDraft(w.getId(), EntryType.MANUAL_ADDITION, credits, b.now, actor);
          d.reason = reason;
          d.description = description;
          d.idempotencyKey = key;
          Lot lot =
              b.newLot(
                  w,
                  LotSource.MANUAL_GRANT,
                  credits,
                  b.now,
                  expires,
                  BigDecimal.ZERO,
                  ws.getCurrency(),
                  0,
                  d.id,
                  null,
                  null);
          WalletBook.Appended a = b.append(w, d, b.creditNewLot(w, lot, credits));
          b.remember(w, key, "add", fp, d.id, null);
          return view(b, w, a);
        });
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
          Wallet w = b.lock(ref);
          if (own) {
            b.collectDebitWrites();
          }
          WorkspaceRules ws = b.workspace(w);
          BigDecimal credits =
              CreditAmounts.requirePositive("credits", requested, ws.getCreditScale());
          LedgerEntryView entry =
              debitLocked(b, w, credits, type, reason, description, refs, actor, key, operation);
          b.finishDebitWrites(w);
          return entry;
        });
  }

  /** A debit of {@code credits} (already checked) from the locked wallet {@code w}. */
  static LedgerEntryView debitLocked(
      WalletBook b,
      Wallet w,
      BigDecimal credits,
      EntryType type,
      ReasonCode reason,
      String description,
      References refs,
      Actor actor,
      String key,
      String operation) {
    WorkspaceRules ws = b.workspace(w);
    // The fingerprint only matters under a key (replay and remember ignore it otherwise).
    String fp =
        key == null ? null : debitFingerprint(operation, credits, reason, description, refs, actor);
    Optional<IdempotencyRecord> first = b.replay(w, key, operation, fp);
    if (first.isPresent()) {
      return entryView(b, w, b.entry(w, first.get().getResultId()));
    }
    List<LotShare> parts = b.debit(w, ws, credits, Overdraft.ALLOWED);
    EntryDraft d = new EntryDraft(w.getId(), type, credits.negate(), b.now, actor);
    d.reason = reason;
    d.description = description;
    d.references = refs;
    d.idempotencyKey = key;
    WalletBook.Appended a = b.append(w, d, parts);
    b.remember(w, key, operation, fp, d.id, null);
    return view(b, w, a);
  }

  /** What identifies a debit's request under an idempotency key. */
  static String debitFingerprint(
      String operation,
      BigDecimal credits,
      ReasonCode reason,
      String description,
      References refs,
      Actor actor) {
    return Fingerprint.of(operation)
        .add(credits)
        .add(reason)
        .add(description)
        .add(refs)
        .add(actor)
        .hex();
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
          WorkspaceRules ws = b.workspace(from);
          BigDecimal credits =
              CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
          String fp =
              Fingerprint.of("transfer")
                  .add(to.getId())
                  .add(credits)
                  .add(r.reason())
                  .add(description)
                  .add(actor)
                  .hex();
          Optional<IdempotencyRecord> replay = b.replay(from, key, "transfer", fp);
          if (replay.isPresent()) {
            return new TransferResult(
                entryView(b, from, b.entry(from, replay.get().getResultId())),
                entryView(b, to, b.entry(to, replay.get().getSecondId())));
          }
          List<LotShare> taken = b.debit(from, ws, credits, Overdraft.REFUSED);
          EntryDraft out =
              new EntryDraft(from.getId(), EntryType.TRANSFER_OUT, credits.negate(), b.now, actor);
          EntryDraft in = new EntryDraft(to.getId(), EntryType.TRANSFER_IN, credits, b.now, actor);
          for (EntryDraft d : List.of(out, in)) {
            d.reason = r.reason();
            d.description = description;
            d.idempotencyKey = key;
          }
          out.counterpartyWalletId = to.getId();
          in.counterpartyWalletId = from.getId();
          List<LotShare> added = new ArrayList<>();
          for (LotShare part : taken) {
            Lot source = part.lot();
            BigDecimal moved = part.amount().negate();
            Lot split =
                b.newLot(
                    to,
                    LotSource.TRANSFER,
                    moved,
                    b.now,
                    source.getExpiresAt(),
                    source.getCostBasis(),
                    source.getCostCurrency(),
                    source.getPriority(),
                    in.id,
                    source.getId(),
                    source.getPurchaseId());
            // The lot's own rollover rule travels with its credits; rolled-over credits, which
            // the workspace's rule would no longer recognise in a TRANSFER lot, still roll over
            // only once. A credit cap is shared in proportion to the credits moved, so that
            // splitting a lot never multiplies how much of it may roll over.
            if (source.getSource() == LotSource.ROLLOVER) {
              split.setRollover(LotRollover.NONE);
            } else if (source.getRollover().isPresent()) {
              LotRollover rule = source.getRollover().get();
              BigDecimal before = source.getRemaining().add(moved);
              BigDecimal maxShare = share(rule.maximum(), moved, before, ws.getCreditScale());
              BigDecimal minShare = share(rule.minimum(), moved, before, ws.getCreditScale());
              split.setRollover(
                  new LotRollover(
                      minShare, maxShare, rule.maximumPercent(), rule.rolledExpiresAt()));
              BigDecimal keptMax = CreditAmounts.normalize(rule.maximum().subtract(maxShare));
              BigDecimal keptMin =
                  CreditAmounts.normalize(rule.minimum().subtract(minShare)).min(keptMax);
              source.setRollover(
                  new LotRollover(keptMin, keptMax, rule.maximumPercent(), rule.rolledExpiresAt()));
            }
            added.addAll(b.creditNewLot(to, split, moved));
          }
          WalletBook.Appended outgoing = b.append(from, out, taken);
          WalletBook.Appended incoming = b.append(to, in, added);
          b.remember(from, key, "transfer", fp, out.id, in.id);
          return new TransferResult(view(b, from, outgoing), view(b, to, incoming));
        });
  }

  /** {@code cap × moved / before}, rounded down to {@code scale} places. */
  private static BigDecimal share(BigDecimal cap, BigDecimal moved, BigDecimal before, int scale) {
    if (cap.signum() == 0 || before.signum() == 0) {
      return CreditAmounts.ZERO;
    }
    return CreditAmounts.normalize(
        cap.multiply(moved).divide(before, scale, java.math.RoundingMode.DOWN));
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
          Wallet w = b.lock(r.wallet());
          WorkspaceRules ws = b.workspace(w);
          BigDecimal requested =
              r.credits() == null
                  ? null
                  : CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
          return reverseLocked(b, w, target, requested, r.reason(), description, actor, key);
        });
  }

  /**
   * Reverses {@code requested} credits (null: all that is left) of usage entry {@code target} of
   * the locked wallet {@code w}.
   */
  static LedgerEntryView reverseLocked(
      WalletBook b,
      Wallet w,
      EntryId target,
      BigDecimal requested,
      ReasonCode reason,
      String description,
      Actor actor,
      String key) {
    String fp =
        Fingerprint.of("reverse")
            .add(target)
            .add(requested)
            .add(reason)
            .add(description)
            .add(actor)
            .hex();
    Optional<IdempotencyRecord> first = b.replay(w, key, "reverse", fp);
    if (first.isPresent()) {
      return entryView(b, w, b.entry(w, first.get().getResultId()));
    }
    LedgerEntry usage = b.entry(w, target.toString());
    if (usage.getType() != EntryType.USAGE) {
      throw new CreditsException(
          ErrorCode.ENTRY_NOT_REVERSIBLE,
          "only USAGE entries can be reversed; entry " + target + " is " + usage.getType());
    }
    EntityManager em = b.em();
    BigDecimal reversedSoFar =
        em.createQuery(
                "select coalesce(sum(e.amount), 0) from LedgerEntry e"
                    + " where e.walletId = :w and e.reversedEntryId = :id",
                BigDecimal.class)
            .setParameter("w", w.getId())
            .setParameter("id", usage.getId())
            .getSingleResult();
    BigDecimal reversible =
        CreditAmounts.normalize(usage.getAmount().negate().subtract(reversedSoFar));
    if (reversible.signum() <= 0) {
      throw new CreditsException(
          ErrorCode.ALREADY_REVERSED, "entry " + target + " has already been fully reversed");
    }
    BigDecimal credits = requested == null ? reversible : requested;
    if (credits.compareTo(reversible) > 0) {
      throw CreditAmounts.invalid(
          "credits",
          "exceeds what entry "
              + target
              + " still has to give back ("
              + CreditAmounts.display(reversible)
              + ")");
    }
    EntryDraft d = new EntryDraft(w.getId(), EntryType.REVERSAL, credits, b.now, actor);
    d.reason = reason == null ? ReasonCode.CANCELLATION : reason;
    d.description = description;
    d.references = referencesOf(usage);
    d.reversedEntryId = usage.getId();
    d.idempotencyKey = key;
    WalletBook.Appended a = b.append(w, d, giveBack(b, w, usage, credits, d.id));
    b.remember(w, key, "reverse", fp, d.id, null);
    return view(b, w, a);
  }

  /**
   * Returns {@code credits} of a usage entry to the lots it drew from, the most recently drawn
   * first, minus what earlier reversals returned already. Overdraft it drew is repaid; what cannot
   * be (the overdraft was repaid meanwhile) goes into a new lot.
   */
  private static List<LotShare> giveBack(
      WalletBook b, Wallet w, LedgerEntry usage, BigDecimal credits, String reversalId) {
    EntityManager em = b.em();
    List<AllocationView> drawn =
        new ArrayList<>(
            b.allocations(List.of(usage.getId())).getOrDefault(usage.getId(), List.of()));
    java.util.Set<String> drawnLots = new java.util.HashSet<>();
    drawn.forEach(a -> drawnLots.add(a.lot() == null ? "" : a.lot().toString()));
    Map<String, BigDecimal> returned = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "select a.lotId, sum(a.amount) from Allocation a where a.walletId = :w and"
                    + " a.entryId in (select e.id from LedgerEntry e where e.reversedEntryId = :id)"
                    + " group by a.lotId",
                Object[].class)
            .setParameter("w", w.getId())
            .setParameter("id", usage.getId())
            .getResultList()) {
      String lotKey = row[0] == null ? "" : (String) row[0];
      // A lot the usage never drew from is a new lot that stood in for its repaid overdraft.
      returned.merge(
          drawnLots.contains(lotKey) ? lotKey : "", (BigDecimal) row[1], BigDecimal::add);
    }
    java.util.Collections.reverse(drawn);
    List<LotShare> parts = new ArrayList<>();
    BigDecimal rest = credits;
    for (AllocationView a : drawn) {
      if (rest.signum() == 0) {
        break;
      }
      String lotKey = a.lot() == null ? "" : a.lot().toString();
      BigDecimal open =
          a.amount().negate().subtract(returned.getOrDefault(lotKey, BigDecimal.ZERO));
      BigDecimal give = open.min(rest);
      if (give.signum() <= 0) {
        continue;
      }
      rest = rest.subtract(give);
      if (a.lot() != null) {
        Lot lot = b.lot(lotKey);
        lot.addRemaining(give);
        parts.add(new LotShare(lot, give));
      } else {
        BigDecimal repay = w.getOverdraftUsed().min(give);
        if (repay.signum() > 0) {
          w.setOverdraftUsed(CreditAmounts.normalize(w.getOverdraftUsed().subtract(repay)));
          parts.add(new LotShare(null, repay));
        }
        BigDecimal left = give.subtract(repay);
        if (left.signum() > 0) {
          WorkspaceRules ws = b.workspace(w);
          Lot lot =
              b.newLot(
                  w,
                  LotSource.REVERSAL,
                  left,
                  b.now,
                  null,
                  BigDecimal.ZERO,
                  ws.getCurrency(),
                  0,
                  reversalId,
                  null,
                  null);
          parts.addAll(b.creditNewLot(w, lot, left));
        }
      }
    }
    if (rest.signum() != 0) {
      throw new IllegalStateException(
          "entry " + usage.getId() + " allocations do not cover its reversible amount");
    }
    return parts;
  }

  // ---------------------------------------------------------------- holds

  @Override
  public HoldView hold(HoldRequest r) {
    Checks.required("request", r);
    WalletBook.requireRef("wallet", r.wallet());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "place a hold");
    Duration timeout = holdTimeout(r.timeout());
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    References refs = Checks.references(r.references());
    if (refs.subscriptionId() != null) {
      throw Checks.invalid(
          "references.subscriptionId", "is for a subscription's charges, not for holds");
    }
    return write(
        b -> {
          Wallet w = b.lock(r.wallet());
          WorkspaceRules ws = b.workspace(w);
          BigDecimal credits =
              CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
          return holdLocked(b, w, credits, timeout, description, refs, actor, key);
        });
  }

  /** Checks a hold timeout: more than zero, at most {@link #MAX_HOLD_TIMEOUT}. */
  static Duration holdTimeout(Duration timeout) {
    Checks.required("timeout", timeout);
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_HOLD_TIMEOUT) > 0) {
      throw Checks.invalid(
          "timeout", "must be more than zero and at most 366 days, was " + timeout);
    }
    return timeout;
  }

  /** Reserves {@code credits} (already checked) on the locked wallet {@code w}. */
  static HoldView holdLocked(
      WalletBook b,
      Wallet w,
      BigDecimal credits,
      Duration timeout,
      String description,
      References refs,
      Actor actor,
      String key) {
    WorkspaceRules ws = b.workspace(w);
    String fp =
        Fingerprint.of("hold")
            .add(credits)
            .add(timeout)
            .add(description)
            .add(refs)
            .add(actor)
            .hex();
    Optional<IdempotencyRecord> first = b.replay(w, key, "hold", fp);
    if (first.isPresent()) {
      return holdView(b.em().find(Hold.class, first.get().getResultId()), b.ref(w));
    }
    // A hold never overdraws: only free credits of drawable lots can be reserved.
    List<Lot> lots = b.covering(w, ws, credits, CreditAmounts.ZERO);
    Hold h =
        new Hold(
            dev.credits4j.internal.Ids.newId(),
            w.getId(),
            credits,
            b.now,
            b.now.plus(timeout),
            description,
            refs,
            actor);
    b.em().persist(h);
    BigDecimal rest = credits;
    for (Lot lot : lots) {
      if (rest.signum() == 0) {
        break;
      }
      BigDecimal take = lot.getFree().min(rest);
      lot.addReserved(take);
      b.em().persist(new HoldAllocation(dev.credits4j.internal.Ids.newId(), h, lot, take));
      rest = rest.subtract(take);
    }
    b.reserve(w, credits);
    b.remember(w, key, "hold", fp, h.getId(), null);
    return holdView(h, b.ref(w));
  }

  @Override
  public CaptureResult capture(CaptureRequest r) {
    Checks.required("request", r);
    HoldId holdId = Checks.required("hold", r.hold());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "capture a hold");
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    String walletId = read(b -> walletOfHold(b, holdId));
    return write(
        b -> {
          Wallet w = b.lockById(walletId);
          WorkspaceRules ws = b.workspace(w);
          BigDecimal credits =
              CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
          return captureLocked(b, w, holdId, credits, description, actor, key);
        });
  }

  /** The hold of the locked wallet {@code w}, or {@link ErrorCode#HOLD_NOT_FOUND}. */
  static Hold holdOf(WalletBook b, Wallet w, HoldId holdId) {
    Hold h = b.em().find(Hold.class, holdId.toString());
    if (h == null || !h.getWalletId().equals(w.getId())) {
      throw holdNotFound(holdId);
    }
    return h;
  }

  /** Captures {@code credits} (already checked) of a hold on the locked wallet {@code w}. */
  static CaptureResult captureLocked(
      WalletBook b,
      Wallet w,
      HoldId holdId,
      BigDecimal credits,
      String description,
      Actor actor,
      String key) {
    WorkspaceRules ws = b.workspace(w);
    Hold h = holdOf(b, w, holdId);
    String fp =
        Fingerprint.of("capture").add(holdId).add(credits).add(description).add(actor).hex();
    Optional<IdempotencyRecord> first = b.replay(w, key, "capture", fp);
    if (first.isPresent()) {
      return new CaptureResult(
          holdView(h, b.ref(w)), entryView(b, w, b.entry(w, h.getCaptureEntryId())));
    }
    h.requireCapturable(b.now);
    List<LotShare> parts = new ArrayList<>();
    BigDecimal rest = credits;
    for (HoldAllocation a : b.holdAllocations(h)) {
      Lot lot = b.lot(a.getLotId());
      lot.addReserved(a.getAmount().negate());
      BigDecimal take = a.getAmount().min(rest);
      if (take.signum() > 0) {
        lot.addRemaining(take.negate());
        parts.add(new LotShare(lot, take.negate()));
        rest = rest.subtract(take);
      }
    }
    w.setHeld(CreditAmounts.normalize(w.getHeld().subtract(h.getAmount())));
    if (rest.signum() > 0) {
      parts.addAll(b.debit(w, ws, rest, Overdraft.ALLOWED));
    }
    EntryDraft d = new EntryDraft(w.getId(), EntryType.USAGE, credits.negate(), b.now, actor);
    d.description = description == null ? h.getDescription() : description;
    d.references = h.references();
    d.holdId = h.getId();
    d.idempotencyKey = key;
    WalletBook.Appended a = b.append(w, d, parts);
    h.settle(HoldStatus.CAPTURED, credits, d.id, b.now);
    b.remember(w, key, "capture", fp, d.id, null);
    return new CaptureResult(holdView(h, b.ref(w)), view(b, w, a));
  }

  @Override
  public HoldView release(HoldId holdId, Actor actor, String idempotencyKey) {
    Checks.required("hold", holdId);
    Checks.required("actor", actor);
    Checks.requireStaff(actor, "release a hold");
    String key = Checks.idempotencyKey(idempotencyKey);
    String walletId = read(b -> walletOfHold(b, holdId));
    return write(
        b -> {
          Wallet w = b.lockById(walletId);
          return releaseLocked(b, w, holdId, actor, key);
        });
  }

  /** Releases a hold of the locked wallet {@code w}. */
  static HoldView releaseLocked(WalletBook b, Wallet w, HoldId holdId, Actor actor, String key) {
    b.workspace(w);
    Hold h = holdOf(b, w, holdId);
    String fp = Fingerprint.of("release").add(holdId).add(actor).hex();
    if (b.replay(w, key, "release", fp).isPresent()) {
      return holdView(h, b.ref(w));
    }
    h.requireActive();
    b.releaseReservation(w, h, HoldStatus.RELEASED);
    b.remember(w, key, "release", fp, h.getId(), null);
    return holdView(h, b.ref(w));
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

  /** Releases the timed-out holds of one workspace, or of all when {@code workspace} is null. */
  private int releaseExpiredHoldsOf(String workspace) {
    int released = 0;
    while (true) {
      List<String> due =
          read(
              b -> {
                TypedQuery<String> q =
                    b.em()
                        .createQuery(
                            "select h.id from Hold h where h.status = :s and h.expiresAt <= :now"
                                + (workspace == null
                                    ? ""
                                    : " and h.walletId in (select w.id from Wallet w"
                                        + " where w.workspaceKey = :ws)")
                                + " order by h.expiresAt",
                            String.class)
                        .setParameter("s", HoldStatus.ACTIVE)
                        .setParameter("now", Micros.of(b.now));
                if (workspace != null) {
                  q.setParameter("ws", workspace);
                }
                return q.setMaxResults(EXPIRED_HOLD_BATCH).getResultList();
              });
      int progress = 0;
      for (String id : due) {
        String walletId = read(b -> walletOfHold(b, HoldId.of(id)));
        progress +=
            write(
                b -> {
                  Wallet w = b.lockById(walletId);
                  Hold h = b.em().find(Hold.class, id);
                  if (h.getStatus() != HoldStatus.ACTIVE || !h.isPastTimeout(b.now)) {
                    return 0;
                  }
                  b.releaseReservation(w, h, HoldStatus.EXPIRED);
                  return 1;
                });
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
            throw holdNotFound(holdId);
          }
          return holdView(h, b.refOf(h.getWalletId()));
        });
  }

  private static String walletOfHold(WalletBook b, HoldId holdId) {
    List<String> ids =
        b.em()
            .createQuery("select h.walletId from Hold h where h.id = :id", String.class)
            .setParameter("id", holdId.toString())
            .getResultList();
    if (ids.isEmpty()) {
      throw holdNotFound(holdId);
    }
    return ids.get(0);
  }

  private static CreditsException holdNotFound(HoldId holdId) {
    return new CreditsException(ErrorCode.HOLD_NOT_FOUND, "no hold " + holdId);
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
          WorkspaceRules ws = b.workspace(w);
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
          return balanceView(b, w);
        });
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Balance balance(WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    return read(b -> balanceView(b, lockShared(b, ref)));
  }

  /** A consistent view: holds off writers of this wallet while the read runs. */
  private static Wallet lockShared(WalletBook b, WalletRef ref) {
    return b.lock(ref, LockModeType.PESSIMISTIC_READ);
  }

  /**
   * The wallet as it stands now, before the jobs catch up: holds past their timeout no longer count
   * as held (their reservations are lifted from the lots), and the free credits of lots past expiry
   * + grace no longer count in balance or available (they leave the ledger at the next sweep; a lot
   * still reserved by a live hold keeps those credits until the hold settles).
   */
  private Balance balanceView(WalletBook b, Wallet w) {
    Map<String, BigDecimal> lapsedReservations = new HashMap<>();
    BigDecimal held = w.getHeld();
    for (Hold h : b.activeHolds(w)) {
      if (h.isPastTimeout(b.now)) {
        held = held.subtract(h.getAmount());
        for (HoldAllocation a : b.holdAllocations(h)) {
          lapsedReservations.merge(a.getLotId(), a.getAmount(), BigDecimal::add);
        }
      }
    }
    Integer graceDays = b.graceDays(w);
    BigDecimal expiredFree = CreditAmounts.ZERO;
    List<LotView> lots = new ArrayList<>();
    for (Lot lot : b.openLots(w)) {
      LotView v = WalletBook.view(lot);
      BigDecimal lapsed = lapsedReservations.get(lot.getId());
      BigDecimal reserved =
          lapsed == null ? v.reserved() : CreditAmounts.normalize(v.reserved().subtract(lapsed));
      if (graceDays != null && WalletBook.isExpired(lot, graceDays, b.now)) {
        expiredFree = expiredFree.add(v.remaining().subtract(reserved));
        if (reserved.signum() == 0) {
          continue;
        }
        v = withCredits(v, reserved, reserved);
      } else if (lapsed != null) {
        v = withCredits(v, v.remaining(), reserved);
      }
      lots.add(v);
    }
    lots.sort(DrawDownPolicy.STANDARD_ORDER);
    BigDecimal balance = CreditAmounts.normalize(w.getBalance().subtract(expiredFree));
    held = CreditAmounts.normalize(held);
    return new Balance(
        b.ref(w),
        balance,
        held,
        CreditAmounts.normalize(balance.subtract(held)),
        w.getOverdraftLimit(),
        w.getOverdraftUsed(),
        List.copyOf(lots),
        b.now);
  }

  private static LotView withCredits(LotView v, BigDecimal remaining, BigDecimal reserved) {
    return new LotView(
        v.id(),
        v.source(),
        v.original(),
        remaining,
        reserved,
        v.grantedAt(),
        v.effectiveAt(),
        v.expiresAt(),
        v.costBasis(),
        v.priority(),
        v.rollover());
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
    Long before = q.cursor() == null ? null : decodeCursor(q.cursor());
    return replicaRead(
        b -> {
          Wallet w = b.find(q.wallet());
          StringBuilder jpql =
              new StringBuilder("select e from LedgerEntry e where e.walletId = :w");
          if (!q.types().isEmpty()) {
            jpql.append(" and e.type in :types");
          }
          if (q.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
          }
          if (q.to() != null) {
            jpql.append(" and e.occurredAt < :to");
          }
          if (before != null) {
            jpql.append(" and e.sequence < :before");
          }
          jpql.append(" order by e.sequence desc");
          TypedQuery<LedgerEntry> query =
              b.em().createQuery(jpql.toString(), LedgerEntry.class).setParameter("w", w.getId());
          if (!q.types().isEmpty()) {
            query.setParameter("types", q.types());
          }
          if (q.from() != null) {
            query.setParameter("from", Micros.of(q.from()));
          }
          if (q.to() != null) {
            query.setParameter("to", Micros.of(q.to()));
          }
          if (before != null) {
            query.setParameter("before", before);
          }
          List<LedgerEntry> rows = query.setMaxResults(q.limit() + 1).getResultList();
          boolean more = rows.size() > q.limit();
          List<LedgerEntry> page = more ? rows.subList(0, q.limit()) : rows;
          List<LedgerEntryView> views = entryViews(b, w, page);
          String next = more ? encodeCursor(page.get(page.size() - 1).getSequence()) : null;
          return new HistoryPage(views, next);
        });
  }

  static String encodeCursor(long sequence) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("seq:" + sequence).getBytes(StandardCharsets.UTF_8));
  }

  static long decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("seq:")) {
        long seq = Long.parseLong(text.substring(4));
        if (seq > 0) {
          return seq;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw Checks.invalid("cursor", "is not a cursor returned by history()");
  }

  @Override
  public LedgerEntryView getEntry(WalletRef ref, EntryId entry) {
    WalletBook.requireRef("wallet", ref);
    Checks.required("entry", entry);
    return read(
        b -> {
          Wallet w = b.find(ref);
          return entryView(b, w, b.entry(w, entry.toString()));
        });
  }

  @Override
  public ReconciliationReport reconcile(WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    return read(b -> Reconciler.reconcile(b, lockShared(b, ref)));
  }

  @Override
  public VerificationReport verify(WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    return read(b -> new Verifier(b, lockShared(b, ref), ref, ctx.ledgerKeys()).verify(null, null));
  }

  @Override
  public LedgerCheckpoint checkpoint(String workspace) {
    Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    return checkpointOf(workspace);
  }

  @Override
  public LedgerCheckpoint checkpointAll() {
    return checkpointOf(null);
  }

  private LedgerCheckpoint checkpointOf(String workspace) {
    LedgerKeys keys = ctx.ledgerKeys();
    String keyId =
        keys.currentKeyId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "CREDITS-0011 checkpoints are signed with the ledger keys; none are"
                            + " configured"));
    Instant at = ctx.now();
    List<LedgerCheckpoint.Head> heads =
        read(
            b -> {
              if (workspace != null && b.em().find(Workspace.class, workspace) == null) {
                throw new CreditsException(
                    ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + workspace + "'");
              }
              List<LedgerCheckpoint.Head> found = new ArrayList<>();
              String after = "";
              while (true) {
                TypedQuery<Wallet> q =
                    b.em()
                        .createQuery(
                            "select w from Wallet w where w.id > :after"
                                + (workspace == null ? "" : " and w.workspaceKey = :ws")
                                + " order by w.id",
                            Wallet.class)
                        .setParameter("after", after)
                        .setMaxResults(VERIFY_PAGE);
                if (workspace != null) {
                  q.setParameter("ws", workspace);
                }
                List<Wallet> page = q.getResultList();
                for (Wallet w : page) {
                  after = w.getId();
                  found.add(
                      new LedgerCheckpoint.Head(
                          b.ref(w), w.getId(), w.getLastSeq(), w.getLastHash()));
                }
                if (page.size() < VERIFY_PAGE) {
                  return found;
                }
              }
            });
    return new LedgerCheckpoint(
        workspace,
        at,
        heads,
        keyId,
        Seals.seal(keys, keyId, checkpointMessage(workspace, at, heads)));
  }

  private static String checkpointMessage(
      String workspace, Instant at, List<LedgerCheckpoint.Head> heads) {
    List<Object> fields = new ArrayList<>(2 + heads.size() * 5);
    fields.add(workspace);
    fields.add(at.toString());
    fields.add(heads.size());
    for (LedgerCheckpoint.Head h : heads) {
      fields.add(h.wallet().workspace());
      fields.add(h.wallet().organization());
      fields.add(h.walletId());
      fields.add(h.sequence());
      fields.add(h.hash());
    }
    return Seals.message("checkpoint", fields.toArray());
  }

  @Override
  public List<VerificationReport> verify(LedgerCheckpoint checkpoint) {
    Checks.required("checkpoint", checkpoint);
    LedgerKeys keys = ctx.ledgerKeys();
    if (!keys.knows(checkpoint.keyId())) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "the checkpoint is signed with key id '"
              + checkpoint.keyId()
              + "', which is not configured");
    }
    String expected =
        Seals.seal(
            keys,
            checkpoint.keyId(),
            checkpointMessage(checkpoint.workspace(), checkpoint.createdAt(), checkpoint.heads()));
    if (!expected.equals(checkpoint.signature())) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST, "the checkpoint's signature does not verify");
    }
    List<VerificationReport> reports = new ArrayList<>(checkpoint.heads().size());
    for (LedgerCheckpoint.Head h : checkpoint.heads()) {
      reports.add(verifyHead(h, keys));
    }
    return reports;
  }

  private VerificationReport verifyHead(LedgerCheckpoint.Head h, LedgerKeys keys) {
    WalletRef ref = h.wallet();
    try {
      return read(
          b -> {
            Wallet w = lockShared(b, ref);
            if (!w.getId().equals(h.walletId())) {
              return gone(
                  ref,
                  keys,
                  TamperFinding.Kind.WALLET_HEAD_EDITED,
                  "the wallet's id differs from the checkpoint's: the wallet was replaced");
            }
            return new Verifier(b, w, ref, keys).verify(h.sequence(), h.hash());
          });
    } catch (CreditsException e) {
      if (e.code() != ErrorCode.WALLET_NOT_FOUND) {
        throw e;
      }
      return gone(
          ref,
          keys,
          TamperFinding.Kind.CHAIN_TRUNCATED,
          "the checkpoint vouches for " + h.sequence() + " entries but the wallet is gone");
    }
  }

  private static VerificationReport gone(
      WalletRef ref, LedgerKeys keys, TamperFinding.Kind kind, String detail) {
    return new VerificationReport(
        ref,
        false,
        0,
        null,
        detail,
        keys.configured(),
        List.of(new TamperFinding(kind, null, null, detail)));
  }

  // ---------------------------------------------------------------- views and helpers

  static LedgerEntryView view(WalletBook b, Wallet w, WalletBook.Appended a) {
    return toView(b, w, a.entry(), a.allocations());
  }

  static LedgerEntryView entryView(WalletBook b, Wallet w, LedgerEntry e) {
    return entryViews(b, w, List.of(e)).get(0);
  }

  static List<LedgerEntryView> entryViews(WalletBook b, Wallet w, List<LedgerEntry> entries) {
    Map<String, List<AllocationView>> allocations =
        b.allocations(entries.stream().map(LedgerEntry::getId).toList());
    List<LedgerEntryView> views = new ArrayList<>(entries.size());
    for (LedgerEntry e : entries) {
      views.add(toView(b, w, e, allocations.getOrDefault(e.getId(), List.of())));
    }
    return views;
  }

  private static LedgerEntryView toView(
      WalletBook b, Wallet w, LedgerEntry e, List<AllocationView> allocations) {
    return new LedgerEntryView(
        new EntryId(UUID.fromString(e.getId())),
        b.ref(w),
        e.getSequence(),
        e.getType(),
        e.getReason(),
        e.getAmount(),
        e.getBalanceAfter(),
        e.getOccurredAt(),
        e.getDescription(),
        new Actor(e.getActorType(), e.getActorId(), e.getActorName()),
        referencesOf(e),
        b.refOf(e.getCounterpartyWalletId()),
        e.getReversedEntryId() == null ? null : EntryId.of(e.getReversedEntryId()),
        e.getHoldId() == null ? null : HoldId.of(e.getHoldId()),
        e.getIdempotencyKey(),
        e.getHash(),
        List.copyOf(allocations));
  }

  private static References referencesOf(LedgerEntry e) {
    return new References(
        e.getPackageId(),
        e.getPurchaseId(),
        e.getOfferingId(),
        e.getRequestId(),
        e.getSubscriptionId());
  }

  static HoldView holdView(Hold h, WalletRef ref) {
    return new HoldView(
        HoldId.of(h.getId()),
        ref,
        h.getStatus(),
        h.getAmount(),
        h.getCaptured(),
        h.getCreatedAt(),
        h.getExpiresAt(),
        h.getDescription(),
        h.references());
  }

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

  /** The cost basis per credit: zero by default, in the workspace currency, at most 10 places. */
  private static BigDecimal costBasis(MonetaryAmount basis, WorkspaceRules ws) {
    if (basis == null) {
      return BigDecimal.ZERO;
    }
    String currency = basis.getCurrency().getCurrencyCode();
    if (!currency.equals(ws.getCurrency())) {
      throw new CreditsException(
          ErrorCode.CURRENCY_MISMATCH,
          "costBasis is in "
              + currency
              + " but workspace '"
              + ws.getKey()
              + "' bills in "
              + ws.getCurrency(),
          List.of(new FieldViolation("costBasis", "must be in " + ws.getCurrency())));
    }
    BigDecimal value = basis.getNumber().numberValueExact(BigDecimal.class);
    if (value.signum() < 0) {
      throw Checks.invalid("costBasis", "must not be negative");
    }
    if (value.stripTrailingZeros().scale() > COST_BASIS_SCALE) {
      throw Checks.invalid("costBasis", "has more than " + COST_BASIS_SCALE + " decimal places");
    }
    if (value.compareTo(new BigDecimal("100000000000000")) >= 0) {
      throw Checks.invalid("costBasis", "is too large");
    }
    return value;
  }

  /**
   * The lot's expiry: its own date if given (which must be in the future), else the workspace
   * default counted from the grant, else none.
   */
  private static Instant expiry(
      Instant requested, WorkspaceRules ws, Instant effective, Instant now) {
    if (requested != null) {
      Instant expires = Micros.truncate(requested);
      if (!expires.isAfter(now) || !expires.isAfter(effective)) {
        throw Checks.invalid(
            "expiresAt", "must be in the future and after the lot becomes effective");
      }
      return expires;
    }
    if (ws.getDefaultExpiryDays() != null) {
      return effective.plus(Duration.ofDays(ws.getDefaultExpiryDays()));
    }
    return null;
  }
}
