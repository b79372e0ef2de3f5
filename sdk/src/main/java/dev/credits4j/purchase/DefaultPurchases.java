package dev.credits4j.purchase;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotView;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PackagePricing;
import dev.credits4j.api.PaymentStart;
import dev.credits4j.api.PurchaseEvent;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseRevenue;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.References;
import dev.credits4j.api.RefundStatus;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.CreditPackage;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.SqlErrors;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.ledger.LockedWallet;
import dev.credits4j.notify.Outbox;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.spi.PaymentGateway.PaymentOrder;
import dev.credits4j.spi.PaymentGateway.PaymentOutcome;
import dev.credits4j.spi.PaymentGateway.RefundOrder;
import dev.credits4j.spi.PaymentGateway.RefundOutcome;
import dev.credits4j.spi.PurchaseListener;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/** Purchases over JPA and the {@link PaymentGateway} SPI; see {@link Purchases}. */
@ApplicationScoped
public class DefaultPurchases implements Purchases {
  private static final System.Logger LOG = System.getLogger(DefaultPurchases.class.getName());
  private static final int RECONCILE_BATCH = 100;
  private static final int REFERENCE_MAX = 255;
  private static final int REASON_MAX = 500;

  private CreditsContext ctx;
  private Map<String, PaymentGateway> gateways;
  private List<PurchaseListener> listeners;
  private Consumer<PurchaseEvent> cdiEvents;

  /** For CDI's client proxies only. */
  protected DefaultPurchases() {}

  /** Under CDI: gateways and listeners are beans; events are also fired as CDI events. */
  @Inject
  public DefaultPurchases(
      CreditsContext ctx,
      Instance<PaymentGateway> gateways,
      Instance<PurchaseListener> listeners,
      Event<PurchaseEvent> events) {
    this(ctx, gateways.stream().toList(), listeners.stream().toList());
    this.cdiEvents = events::fire;
  }

  /** Without CDI: the built-in manual gateway plus {@code gateways} (which may replace it). */
  public DefaultPurchases(
      CreditsContext ctx,
      Collection<PaymentGateway> gateways,
      Collection<PurchaseListener> listeners) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    Map<String, PaymentGateway> byName = new LinkedHashMap<>();
    byName.put(PaymentGateway.MANUAL, new ManualPaymentGateway());
    for (PaymentGateway g : gateways) {
      String name = g.name();
      if (name == null || name.isBlank() || name.length() > 64) {
        throw new IllegalArgumentException(
            "CREDITS-0301 a payment gateway's name must be 1 to 64 characters: " + g);
      }
      byName.put(name, g);
    }
    this.gateways = Map.copyOf(byName);
    this.listeners = List.copyOf(listeners);
  }

  private <T> T write(Function<EntityManager, T> work) {
    return ctx.transactions().inTransaction(work);
  }

  private <T> T read(Function<EntityManager, T> work) {
    return ctx.transactions().read(work);
  }

  // ---------------------------------------------------------------- create

  private enum Effect {
    HAPPENED,
    UNCHANGED
  }

  /**
   * A change and whether it happened now: {@link #unchanged} when it was there already (a replayed
   * key, a state reached before), and then nothing is published.
   */
  private record Change<T>(T value, Effect effect) {
    /** Whether it happened now, so that its event is published. */
    boolean happened() {
      return effect == Effect.HAPPENED;
    }

    static <T> Change<T> made(T value) {
      return new Change<>(value, Effect.HAPPENED);
    }

    static <T> Change<T> unchanged(T value) {
      return new Change<>(value, Effect.UNCHANGED);
    }

    /** The first result under an idempotency key, answered again. */
    static <T> Change<T> replayed(T value) {
      return unchanged(value);
    }
  }

  /** Locks the purchase's wallet FOR UPDATE: every change of a purchase or refund is under it. */
  private LockedWallet lockForUpdate(EntityManager em, String walletId) {
    return LockedWallet.lockById(em, ctx, walletId);
  }

  /** Locks the purchase's wallet for share: a consistent read that holds off its writers. */
  private LockedWallet lockForShare(EntityManager em, String walletId) {
    return LockedWallet.lockSharedById(em, ctx, walletId);
  }

  @Override
  public PurchaseView create(PurchaseRequest r) {
    Checks.required("request", r);
    WalletRef ref = requireRef(r.wallet());
    PackageId packageId = Checks.required("packageId", r.packageId());
    Actor actor = Checks.required("actor", r.actor());
    String gatewayName = r.gateway() == null ? PaymentGateway.MANUAL : r.gateway();
    gateway(gatewayName);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    Function<EntityManager, Change<PurchaseView>> work =
        em -> {
          LockedWallet lots = LockedWallet.lock(em, ctx, ref);
          WorkspaceSnapshot ws = lots.workspace();
          Optional<Purchase> first =
              PurchaseKeys.KEYS.replay(
                  em, lots.id(), key, PurchaseKeys.fingerprint(packageId.toString(), gatewayName));
          if (first.isPresent()) {
            return Change.replayed(view(first.get(), lots.ref()));
          }
          CreditPackage pkg = sellablePackage(em, packageId, ws, actor);
          Instant now = lots.now();
          requireOnSale(pkg, ws, now);
          requireUnderLimit(em, lots, ref, pkg);
          Purchase p = newPurchase(lots, ws, pkg, gatewayName, actor, key, now);
          p.seal(ctx.ledgerKeys());
          em.persist(p);
          return Change.made(view(p, lots.ref()));
        };
    Change<PurchaseView> made;
    try {
      made = write(work);
    } catch (RuntimeException e) {
      if (key == null || !SqlErrors.isUniqueViolation(e)) {
        throw e;
      }
      // A create under the same key committed after this transaction's snapshot was taken
      // (PostgreSQL at REPEATABLE READ or SERIALIZABLE takes it at the first statement, before
      // the wallet lock was granted, and the create changes no row the lock would flag): a new
      // transaction sees that purchase and replays it, or reports the key's conflict.
      made = write(work);
    }
    if (made.happened()) {
      publish(PurchaseEvent.Type.CREATED, made.value(), null);
    }
    return made.value();
  }

  /**
   * Finds the package a purchase buys, refusing one that is not there for the buyer (another
   * workspace's, or hidden from a client) or no longer sold.
   */
  private CreditPackage sellablePackage(
      EntityManager em, PackageId packageId, WorkspaceSnapshot ws, Actor actor) {
    CreditPackage pkg = em.find(CreditPackage.class, packageId.toString());
    // A client buys from the client catalog only: a package hidden from it is not
    // there for the client, whatever its id.
    if (pkg == null
        || !pkg.getWorkspaceKey().equals(ws.getKey())
        || (actor.type() == ActorType.CLIENT && !pkg.isShownInCatalog())) {
      throw refused(
          ErrorCode.PACKAGE_NOT_FOUND,
          "no package " + packageId + " in workspace '" + ws.getKey() + "'",
          "is not a package of this workspace");
    }
    if (!pkg.isActive()) {
      throw refused(
          ErrorCode.PACKAGE_INACTIVE,
          "package '" + pkg.getName() + "' is no longer sold",
          "is inactive");
    }
    return pkg;
  }

  /** Refuses a package outside its promotion window or priced in another currency. */
  private static void requireOnSale(CreditPackage pkg, WorkspaceSnapshot ws, Instant now) {
    if (!inWindow(pkg, now)) {
      throw refused(
          ErrorCode.PACKAGE_NOT_ON_SALE,
          "package '" + pkg.getName() + "' is sold only during its promotion window",
          "is outside its promotion window");
    }
    if (!pkg.getCurrency().equals(ws.getCurrency())) {
      throw refused(
          ErrorCode.CURRENCY_MISMATCH,
          "package '"
              + pkg.getName()
              + "' is priced in "
              + pkg.getCurrency()
              + " but the workspace bills in "
              + ws.getCurrency(),
          "is not priced in " + ws.getCurrency());
    }
  }

  /** Refuses a purchase past the package's purchase limit for the wallet. */
  private static void requireUnderLimit(
      EntityManager em, LockedWallet lots, WalletRef ref, CreditPackage pkg) {
    if (pkg.getPurchaseLimit() != null) {
      long bought =
          em.createQuery(
                  "select count(p) from Purchase p where p.walletId = :w"
                      + " and p.packageId = :pkg and p.status not in :gone",
                  Long.class)
              .setParameter("w", lots.id())
              .setParameter("pkg", pkg.getId())
              .setParameter("gone", List.of(PurchaseStatus.FAILED, PurchaseStatus.CANCELED))
              .getSingleResult();
      if (bought >= pkg.getPurchaseLimit()) {
        throw refused(
            ErrorCode.PURCHASE_LIMIT_REACHED,
            "organization '"
                + ref.organization()
                + "' has bought package '"
                + pkg.getName()
                + "' "
                + bought
                + " time(s), its limit",
            "may be bought at most " + pkg.getPurchaseLimit() + " time(s)");
      }
    }
  }

  /** The new purchase of a package, priced at the package's cost basis per credit. */
  private Purchase newPurchase(
      LockedWallet lots,
      WorkspaceSnapshot ws,
      CreditPackage pkg,
      String gatewayName,
      Actor actor,
      String key,
      Instant now) {
    BigDecimal total = CreditAmounts.normalize(pkg.getCredits().add(pkg.getBonusCredits()));
    MonetaryAmount basis =
        PackagePricing.costBasisPerCredit(money(pkg.getPrice(), pkg.getCurrency()), total);
    return new Purchase(
        Ids.newId(),
        ws.getKey(),
        lots.id(),
        pkg.getId(),
        pkg.getName(),
        pkg.getCredits(),
        pkg.getBonusCredits(),
        pkg.getPrice(),
        pkg.getCurrency(),
        basis.getNumber().numberValueExact(BigDecimal.class),
        pkg.getExpiryDays(),
        pkg.getRollover(),
        gatewayName,
        actor,
        key,
        now);
  }

  private static boolean inWindow(CreditPackage pkg, Instant at) {
    return (pkg.getPromotionStartsAt() == null || !at.isBefore(pkg.getPromotionStartsAt()))
        && (pkg.getPromotionEndsAt() == null || at.isBefore(pkg.getPromotionEndsAt()));
  }

  private static CreditsException refused(ErrorCode code, String message, String problem) {
    return new CreditsException(code, message, List.of(new FieldViolation("packageId", problem)));
  }

  // ---------------------------------------------------------------- payment

  @Override
  public PurchaseView startPayment(PurchaseId id) {
    return startCheckout(id).purchase();
  }

  @Override
  public List<String> gateways() {
    return gateways.keySet().stream().sorted().toList();
  }

  @Override
  public PaymentStart startCheckout(PurchaseId id) {
    Purchase p = find(id);
    if (p.getStatus() != PurchaseStatus.PENDING) {
      return new PaymentStart(get(id), null);
    }
    PaymentGateway gateway = gateway(p.getGateway());
    // No transaction is open and no wallet is locked while the gateway works.
    PaymentOutcome outcome;
    try {
      outcome =
          gateway.startPayment(
              new PaymentOrder(
                  id,
                  walletRef(p),
                  money(p.getPrice(), p.getCurrency()),
                  p.getPackageName(),
                  "purchase:" + id));
    } catch (RuntimeException e) {
      throw new CreditsException(
          ErrorCode.PAYMENT_FAILED,
          "gateway '" + gateway.name() + "' could not start the payment of purchase " + id,
          e);
    }
    if (outcome == null) {
      throw new CreditsException(
          ErrorCode.PAYMENT_FAILED, "gateway '" + gateway.name() + "' gave no outcome");
    }
    return switch (outcome.status()) {
      case SUCCEEDED ->
          new PaymentStart(
              succeed(
                  id,
                  gateway.name(),
                  outcome.reference(),
                  null,
                  Actor.system("gateway:" + gateway.name())),
              null);
      case FAILED ->
          new PaymentStart(paymentFailed(id, gateway.name(), outcome.failureReason()), null);
      case PENDING -> {
        PurchaseView pending =
            write(
                em -> {
                  LockedWallet lots = lockForUpdate(em, p.getWalletId());
                  Purchase locked = em.find(Purchase.class, id.toString());
                  if (locked.getStatus() == PurchaseStatus.PENDING && outcome.reference() != null) {
                    locked.awaitPayment(
                        Checks.optionalText("reference", outcome.reference(), REFERENCE_MAX),
                        lots.now());
                  }
                  return view(locked, lots.ref());
                });
        yield new PaymentStart(
            pending, pending.status() == PurchaseStatus.PENDING ? outcome.redirectUrl() : null);
      }
    };
  }

  @Override
  public PurchaseView confirmManualPayment(PurchaseId id, Actor actor, String reference) {
    Checks.required("purchaseId", id);
    Checks.required("actor", actor);
    Checks.requireTeam(actor, "confirm a manual payment");
    String ref = Checks.requiredText("reference", reference, REFERENCE_MAX);
    Purchase p = find(id);
    if (!p.getGateway().equals(PaymentGateway.MANUAL)) {
      throw new CreditsException(
          ErrorCode.PURCHASE_STATE,
          "purchase " + id + " is paid through '" + p.getGateway() + "', not confirmed by hand",
          List.of(new FieldViolation("purchaseId", "is not a manual purchase")));
    }
    return succeed(id, PaymentGateway.MANUAL, ref, null, actor);
  }

  @Override
  public PurchaseView paymentSucceeded(
      PurchaseId id, String gateway, String reference, MonetaryAmount amount, Actor actor) {
    Checks.required("purchaseId", id);
    String name = Checks.requiredText("gateway", gateway, 64);
    String ref = Checks.optionalText("reference", reference, REFERENCE_MAX);
    Checks.required("amount", amount);
    Checks.required("actor", actor);
    return succeed(id, name, ref, amount, actor);
  }

  /** Marks the purchase PAID (if it was not), then grants its credits (if not yet granted). */
  private PurchaseView succeed(
      PurchaseId id, String gatewayName, String reference, MonetaryAmount amount, Actor actor) {
    String walletId = find(id).getWalletId();
    Change<PurchaseView> paid =
        write(
            em -> {
              LockedWallet lots = lockForUpdate(em, walletId);
              Purchase p = em.find(Purchase.class, id.toString());
              if (!p.getGateway().equals(gatewayName)) {
                throw Checks.invalid(
                    "gateway",
                    "is '" + gatewayName + "' but the purchase uses '" + p.getGateway() + "'");
              }
              MonetaryAmount price = money(p.getPrice(), p.getCurrency());
              if (amount != null && !sameMoney(amount, price)) {
                throw new CreditsException(
                    amount.getCurrency().equals(price.getCurrency())
                        ? ErrorCode.INVALID_AMOUNT
                        : ErrorCode.CURRENCY_MISMATCH,
                    "purchase " + id + " costs " + price + " but " + amount + " was paid",
                    List.of(new FieldViolation("amount", "must equal the price " + price)));
              }
              switch (p.getStatus()) {
                case PENDING, FAILED -> {
                  p.paid(reference, p.getPrice(), actor, lots.now());
                  return Change.made(view(p, lots.ref()));
                }
                case CANCELED ->
                    throw new CreditsException(
                        ErrorCode.PURCHASE_STATE,
                        "purchase " + id + " was canceled; refund the payment through the gateway",
                        List.of(new FieldViolation("purchaseId", "is canceled")));
                default -> {
                  return Change.unchanged(view(p, lots.ref()));
                }
              }
            });
    if (paid.happened()) {
      publish(PurchaseEvent.Type.PAID, paid.value(), null);
    }
    try {
      credit(id, walletId);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0302 purchase {0} is paid but its credits could not be granted now; the"
              + " reconciliation job will grant them: {1}",
          id,
          e.toString());
    }
    return get(id);
  }

  /** Grants the credits of a PAID purchase, once; true if this call granted them. */
  private boolean credit(PurchaseId id, String walletId) {
    PurchaseView credited =
        write(
            em -> {
              LockedWallet lots = lockForUpdate(em, walletId);
              Purchase p = em.find(Purchase.class, id.toString());
              if (p.getStatus() != PurchaseStatus.PAID) {
                return null;
              }
              LockedWallet.Granted g =
                  lots.grantPurchase(
                      p.getTotalCredits(),
                      p.getCostBasis(),
                      p.getExpiryDays(),
                      p.getRollover(),
                      References.purchase(p.getPackageId(), p.getId()),
                      "Purchase of " + p.getPackageName(),
                      creditedBy(p),
                      "purchase:" + p.getId());
              p.credited(g.lotId(), g.entryId(), lots.now());
              Outbox.draft(
                      NotificationType.PURCHASE_CONFIRMATION, lots.ref(), lots.id(), lots.now())
                  .credits(p.getTotalCredits())
                  .money(
                      p.getAmountPaid() == null ? p.getPrice() : p.getAmountPaid(), p.getCurrency())
                  .lot(g.lotId())
                  .purchase(p.getId())
                  .entry(g.entryId())
                  .expiresAt(lots.lot(LotId.of(g.lotId())).map(LotView::expiresAt).orElse(null))
                  .data("packageName", p.getPackageName())
                  .data("packageCredits", p.getCredits())
                  .data("bonusCredits", p.getBonusCredits())
                  .writeTo(em);
              return view(p, lots.ref());
            });
    if (credited == null) {
      return false;
    }
    publish(PurchaseEvent.Type.CREDITED, credited, null);
    return true;
  }

  @Override
  public PurchaseView paymentFailed(PurchaseId id, String gateway, String reason) {
    Checks.required("purchaseId", id);
    String name = Checks.requiredText("gateway", gateway, 64);
    String why = reason == null || reason.isBlank() ? "the payment failed" : reason.strip();
    String stored = why.length() > REASON_MAX ? why.substring(0, REASON_MAX) : why;
    String walletId = find(id).getWalletId();
    Change<PurchaseView> failed =
        write(
            em -> {
              LockedWallet lots = lockForUpdate(em, walletId);
              Purchase p = em.find(Purchase.class, id.toString());
              if (!p.getGateway().equals(name)) {
                throw Checks.invalid(
                    "gateway", "is '" + name + "' but the purchase uses '" + p.getGateway() + "'");
              }
              if (p.getStatus() != PurchaseStatus.PENDING) {
                return Change.unchanged(view(p, lots.ref()));
              }
              p.failed(stored, lots.now());
              Outbox.draft(NotificationType.PURCHASE_FAILED, lots.ref(), lots.id(), lots.now())
                  .credits(p.getTotalCredits())
                  .money(p.getPrice(), p.getCurrency())
                  .purchase(p.getId())
                  .data("packageName", p.getPackageName())
                  .data("gateway", p.getGateway())
                  .data("reason", stored)
                  .writeTo(em);
              return Change.made(view(p, lots.ref()));
            });
    if (failed.happened()) {
      publish(PurchaseEvent.Type.FAILED, failed.value(), null);
    }
    return failed.value();
  }

  @Override
  public PurchaseView cancel(PurchaseId id, Actor actor) {
    Checks.required("purchaseId", id);
    Checks.required("actor", actor);
    String walletId = find(id).getWalletId();
    Change<PurchaseView> canceled =
        write(
            em -> {
              LockedWallet lots = lockForUpdate(em, walletId);
              Purchase p = em.find(Purchase.class, id.toString());
              switch (p.getStatus()) {
                case PENDING, FAILED -> {
                  p.canceled(lots.now());
                  return Change.made(view(p, lots.ref()));
                }
                case CANCELED -> {
                  return Change.unchanged(view(p, lots.ref()));
                }
                default ->
                    throw new CreditsException(
                        ErrorCode.PURCHASE_STATE,
                        "purchase "
                            + id
                            + " is "
                            + p.getStatus()
                            + " and can no longer be canceled",
                        List.of(new FieldViolation("purchaseId", "is " + p.getStatus())));
              }
            });
    if (canceled.happened()) {
      publish(PurchaseEvent.Type.CANCELED, canceled.value(), null);
    }
    return canceled.value();
  }

  /**
   * Who the PURCHASE entry names: whoever confirmed the payment; for a row marked PAID by other
   * means (an operator's SQL fix), the reconciliation job itself.
   */
  private static Actor creditedBy(Purchase p) {
    Actor confirmedBy = p.getConfirmedBy();
    return confirmedBy != null ? confirmedBy : Actor.system("purchase-reconciliation");
  }

  @Override
  public int creditPaidPurchases() {
    int credited = 0;
    while (true) {
      List<Object[]> due =
          read(
              em ->
                  em.createQuery(
                          "select p.id, p.walletId from Purchase p where p.status = :s"
                              + " order by p.id",
                          Object[].class)
                      .setParameter("s", PurchaseStatus.PAID)
                      .setMaxResults(RECONCILE_BATCH)
                      .getResultList());
      int progress = 0;
      for (Object[] row : due) {
        try {
          if (credit(PurchaseId.of((String) row[0]), (String) row[1])) {
            progress++;
          }
        } catch (CreditsException e) {
          LOG.log(
              System.Logger.Level.WARNING,
              "CREDITS-0303 paid purchase {0} could not be credited: {1}",
              row[0],
              e.getMessage());
        }
      }
      credited += progress;
      if (due.size() < RECONCILE_BATCH || progress == 0) {
        return credited;
      }
    }
  }

  // ---------------------------------------------------------------- refunds

  @Override
  public PurchaseRefundView refund(
      PurchaseId id, BigDecimal credits, Actor actor, String idempotencyKey) {
    Checks.required("purchaseId", id);
    Checks.required("actor", actor);
    Checks.requireStaff(actor, "refund a purchase");
    String key = Checks.idempotencyKey(idempotencyKey);
    String walletId = find(id).getWalletId();
    Change<PurchaseRefundView> made =
        write(
            em -> {
              LockedWallet lots = lockForUpdate(em, walletId);
              Purchase p = em.find(Purchase.class, id.toString());
              WorkspaceSnapshot ws = lots.workspace();
              BigDecimal requested =
                  credits == null
                      ? null
                      : CreditAmounts.requirePositive("credits", credits, ws.getCreditScale());
              Optional<PurchaseRefund> first =
                  RefundKeys.KEYS.replay(em, p.getId(), key, RefundKeys.fingerprint(requested));
              if (first.isPresent()) {
                return Change.replayed(refundView(first.get(), view(p, lots.ref())));
              }
              requireRefundable(id, p);
              BigDecimal amount = refundAmount(id, lots, p, requested);
              return Change.made(applyRefund(em, lots, p, amount, requested, actor, key));
            });
    PurchaseRefundView result = made.value();
    if (result.status() == RefundStatus.PENDING) {
      result = send(id, walletId, result);
    }
    if (made.happened()) {
      publish(PurchaseEvent.Type.REFUNDED, result.purchase(), result);
    }
    return result;
  }

  /** Refuses a refund of a purchase that has not been credited. */
  private static void requireRefundable(PurchaseId id, Purchase p) {
    if (p.getStatus() != PurchaseStatus.CREDITED
        && p.getStatus() != PurchaseStatus.PARTIALLY_REFUNDED
        && p.getStatus() != PurchaseStatus.REFUNDED) {
      throw new CreditsException(
          ErrorCode.PURCHASE_STATE,
          "purchase " + id + " is " + p.getStatus() + "; only credited purchases refund",
          List.of(new FieldViolation("purchaseId", "is " + p.getStatus())));
    }
  }

  /**
   * The credits to refund: those requested, or all the purchase's lot can still refund; refuses a
   * refund of nothing or of more than that.
   */
  private static BigDecimal refundAmount(
      PurchaseId id, LockedWallet lots, Purchase p, BigDecimal requested) {
    // A hold past its timeout no longer reserves the lot's credits.
    lots.releaseExpiredHolds();
    BigDecimal refundable = lots.refundable(p.getLotId());
    if (refundable.signum() == 0) {
      throw new CreditsException(
          ErrorCode.NOTHING_TO_REFUND,
          "purchase " + id + " has no unused credits left to refund",
          List.of(new FieldViolation("credits", "none left to refund")));
    }
    BigDecimal amount = requested == null ? refundable : requested;
    if (amount.compareTo(refundable) > 0) {
      throw CreditAmounts.invalid(
          "credits",
          "exceeds the "
              + CreditAmounts.display(refundable)
              + " unused credits the purchase can refund");
    }
    return amount;
  }

  /**
   * Takes the refunded credits off the purchase's lot, records the refund and drafts its
   * notification.
   */
  private PurchaseRefundView applyRefund(
      EntityManager em,
      LockedWallet lots,
      Purchase p,
      BigDecimal amount,
      BigDecimal requested,
      Actor actor,
      String key) {
    BigDecimal total = p.getTotalCredits();
    BigDecimal kept = total.subtract(p.getCreditsRefunded());
    BigDecimal money = value(p, kept).subtract(value(p, kept.subtract(amount)));
    String refundId = Ids.newId();
    LockedWallet.Removed removed =
        lots.refund(
            p.getLotId(),
            amount,
            References.purchase(p.getPackageId(), p.getId()),
            "Refund of purchase of " + p.getPackageName(),
            actor,
            "refund:" + refundId);
    p.refunded(amount, money, removed.lotRemaining().signum() == 0, lots.now());
    PurchaseRefund r =
        new PurchaseRefund(
            refundId, p, amount, money, removed.entryId(), actor, requested, key, lots.now());
    em.persist(r);
    Outbox.draft(NotificationType.REFUND, lots.ref(), lots.id(), lots.now())
        .credits(amount)
        .money(money, p.getCurrency())
        .lot(p.getLotId())
        .purchase(p.getId())
        .entry(removed.entryId())
        .data("refundId", refundId)
        .data("packageName", p.getPackageName())
        .writeTo(em);
    return refundView(r, view(p, lots.ref()));
  }

  /** Sends a refund through the purchase's gateway, outside any transaction, and records it. */
  private PurchaseRefundView send(PurchaseId id, String walletId, PurchaseRefundView refund) {
    PaymentGateway gateway = gateway(refund.purchase().gateway());
    RefundOutcome outcome;
    try {
      outcome =
          gateway.refund(
              new RefundOrder(
                  id,
                  refund.id(),
                  refund.amount(),
                  refund.purchase().gatewayReference(),
                  "refund:" + refund.id()));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0304 gateway {0} failed to refund {1}: {2}",
          gateway.name(),
          refund.id(),
          e.toString());
      outcome = RefundOutcome.failed(e.toString());
    }
    RefundOutcome result = outcome == null ? RefundOutcome.failed("no outcome") : outcome;
    return write(
        em -> {
          LockedWallet lots = lockForUpdate(em, walletId);
          PurchaseRefund r = em.find(PurchaseRefund.class, refund.id());
          if (r.getStatus() == RefundStatus.PENDING) {
            if (result.succeeded()) {
              r.sent(
                  Checks.optionalText("reference", result.reference(), REFERENCE_MAX), lots.now());
            } else {
              r.notSent(result.failureReason(), lots.now());
            }
          }
          return refundView(r, view(em.find(Purchase.class, id.toString()), lots.ref()));
        });
  }

  /** A refund and the wallet its purchase credits. */
  private record FoundRefund(PurchaseRefundView view, String walletId) {}

  private FoundRefund findRefund(String refundId) {
    String rid = Checks.exactId("refundId", refundId, 36);
    return read(
        em -> {
          PurchaseRefund r = em.find(PurchaseRefund.class, rid);
          if (r == null) {
            throw new CreditsException(ErrorCode.PURCHASE_NOT_FOUND, "no refund " + rid);
          }
          Purchase p = em.find(Purchase.class, r.getPurchaseId());
          return new FoundRefund(
              refundView(r, view(p, LockedWallet.refOf(em, p.getWalletId()))), p.getWalletId());
        });
  }

  @Override
  public PurchaseRefundView getRefund(String refundId) {
    return findRefund(refundId).view();
  }

  @Override
  public PurchaseRefundView resendRefund(String refundId, Actor actor) {
    Checks.required("actor", actor);
    Checks.requireStaff(actor, "resend a refund");
    FoundRefund found = findRefund(refundId);
    PurchaseRefundView r = found.view();
    return switch (r.status()) {
      case SENT -> r;
      case FAILED ->
          throw new CreditsException(
              ErrorCode.PURCHASE_STATE,
              "refund " + r.id() + " was given up on (FAILED) and is not sent again",
              List.of(new FieldViolation("refundId", "is FAILED")));
      case PENDING -> send(r.purchase().id(), found.walletId(), r);
    };
  }

  @Override
  public PurchaseRefundView failRefund(String refundId, Actor actor, String reason) {
    Checks.required("actor", actor);
    Checks.requireTeam(actor, "give up on a refund");
    String why = Checks.requiredText("reason", reason, REASON_MAX);
    FoundRefund found = findRefund(refundId);
    return write(
        em -> {
          LockedWallet lots = lockForUpdate(em, found.walletId());
          PurchaseRefund r = em.find(PurchaseRefund.class, found.view().id());
          if (r.getStatus() == RefundStatus.SENT) {
            throw new CreditsException(
                ErrorCode.PURCHASE_STATE,
                "refund " + r.getId() + " was sent; it cannot be marked FAILED",
                List.of(new FieldViolation("refundId", "is SENT")));
          }
          if (r.getStatus() == RefundStatus.PENDING) {
            r.failed(why, lots.now());
          }
          return refundView(r, view(em.find(Purchase.class, r.getPurchaseId()), lots.ref()));
        });
  }

  @Override
  public int resendPendingRefunds() {
    return resendPending(null);
  }

  @Override
  public int resendPendingRefunds(String workspace) {
    return resendPending(Checks.exactId("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH));
  }

  /**
   * Sends each PENDING refund (of one workspace, or all when null) once, in id order; returns how
   * many the gateway accepted. A refund the gateway refuses again stays PENDING for the next run.
   */
  private int resendPending(String workspace) {
    int sentNow = 0;
    String after = "";
    while (true) {
      String from = after;
      List<String> due =
          read(
              em -> {
                var q =
                    em.createQuery(
                            "select r.id from PurchaseRefund r where r.status = :s and r.id > :after"
                                + (workspace == null
                                    ? ""
                                    : " and r.purchaseId in (select p.id from Purchase p"
                                        + " where p.workspaceKey = :ws)")
                                + " order by r.id",
                            String.class)
                        .setParameter("s", RefundStatus.PENDING)
                        .setParameter("after", from);
                if (workspace != null) {
                  q.setParameter("ws", workspace);
                }
                return q.setMaxResults(RECONCILE_BATCH).getResultList();
              });
      for (String id : due) {
        try {
          FoundRefund found = findRefund(id);
          if (found.view().status() == RefundStatus.PENDING
              && send(found.view().purchase().id(), found.walletId(), found.view()).status()
                  == RefundStatus.SENT) {
            sentNow++;
          }
        } catch (CreditsException e) {
          LOG.log(
              System.Logger.Level.WARNING,
              "CREDITS-0306 refund {0} could not be resent: {1}",
              id,
              e.getMessage());
        }
      }
      if (due.size() < RECONCILE_BATCH) {
        return sentNow;
      }
      after = due.get(due.size() - 1);
    }
  }

  /**
   * The money of the first {@code credits} positions of the purchase: credits × cost basis, rounded
   * half-even to the currency's minor unit, and all of it paid for every credit (the last credit
   * takes the remainder).
   */
  private static BigDecimal value(Purchase p, BigDecimal credits) {
    BigDecimal paid = p.getAmountPaid() == null ? p.getPrice() : p.getAmountPaid();
    return PurchaseValue.ofFirst(
        credits,
        p.getTotalCredits(),
        paid,
        p.getCostBasis(),
        Monetary.getCurrency(p.getCurrency()));
  }

  // ---------------------------------------------------------------- reads

  @Override
  public PurchaseView get(PurchaseId id) {
    Checks.required("purchaseId", id);
    return read(
        em -> {
          Purchase p = em.find(Purchase.class, id.toString());
          if (p == null) {
            throw notFound(id);
          }
          return view(p, LockedWallet.refOf(em, p.getWalletId()));
        });
  }

  @Override
  public List<PurchaseView> list(WalletRef wallet) {
    WalletRef ref = requireRef(wallet);
    return read(
        em ->
            LedgerReads.walletIds(em, ref.workspace(), ref.organization()).getResultList().stream()
                .flatMap(
                    walletId ->
                        em
                            .createQuery(
                                "select p from Purchase p where p.walletId = :w"
                                    + " order by p.createdAt desc, p.id desc",
                                Purchase.class)
                            .setParameter("w", walletId)
                            .getResultList()
                            .stream())
                .map(p -> view(p, ref))
                .toList());
  }

  @Override
  public List<PurchaseView> list(
      String workspace, PurchaseStatus status, PurchaseId after, int limit) {
    Checks.exactId("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    if (limit < 1) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "limit must be at least 1",
          List.of(new FieldViolation("limit", "must be at least 1")));
    }
    return read(
        em -> {
          Purchase last = null;
          if (after != null) {
            last = em.find(Purchase.class, after.toString());
            if (last == null || !last.getWorkspaceKey().equals(workspace)) {
              throw notFound(after);
            }
          }
          String jpql =
              "select p from Purchase p where p.workspaceKey = :ws"
                  + (status == null ? "" : " and p.status = :status")
                  + (last == null
                      ? ""
                      : " and (p.createdAt < :at or (p.createdAt = :at and p.id < :id))")
                  + " order by p.createdAt desc, p.id desc";
          var q = em.createQuery(jpql, Purchase.class).setParameter("ws", workspace);
          if (status != null) {
            q.setParameter("status", status);
          }
          if (last != null) {
            q.setParameter("at", last.getCreatedAtMicros()).setParameter("id", last.getId());
          }
          Map<String, WalletRef> refs = new HashMap<>();
          return q.setMaxResults(limit).getResultList().stream()
              .map(
                  p ->
                      view(
                          p, refs.computeIfAbsent(p.getWalletId(), w -> LockedWallet.refOf(em, w))))
              .toList();
        });
  }

  @Override
  public List<PurchaseRefundView> refunds(PurchaseId id) {
    Checks.required("purchaseId", id);
    return read(
        em -> {
          Purchase p = em.find(Purchase.class, id.toString());
          if (p == null) {
            throw notFound(id);
          }
          PurchaseView pv = view(p, LockedWallet.refOf(em, p.getWalletId()));
          return em
              .createQuery(
                  "select r from PurchaseRefund r where r.purchaseId = :p"
                      + " order by r.createdAt, r.id",
                  PurchaseRefund.class)
              .setParameter("p", p.getId())
              .getResultList()
              .stream()
              .map(r -> refundView(r, pv))
              .toList();
        });
  }

  @Override
  public PurchaseRevenue revenue(PurchaseId id) {
    String walletId = find(id).getWalletId();
    return read(
        em -> {
          lockForShare(em, walletId);
          Purchase p = em.find(Purchase.class, id.toString());
          CurrencyUnit currency = Monetary.getCurrency(p.getCurrency());
          BigDecimal paid = p.getAmountPaid() == null ? BigDecimal.ZERO : p.getAmountPaid();
          BigDecimal zero = CreditAmounts.ZERO;
          if (p.getLotId() == null) {
            // Not credited: whatever was paid is owed in credits still (deferred = paid), which
            // balances by construction.
            boolean balanced = true;
            return new PurchaseRevenue(
                id,
                money(paid, p.getCurrency()),
                Money.zero(currency),
                money(paid, p.getCurrency()),
                Money.zero(currency),
                zero,
                zero,
                zero,
                balanced);
          }
          LockedWallet.PurchaseCredits held = LockedWallet.creditsOf(em, p.getId());
          BigDecimal total = p.getTotalCredits();
          BigDecimal consumed =
              CreditAmounts.normalize(total.subtract(held.remaining()).subtract(held.refunded()));
          BigDecimal refundedMoney =
              em.createQuery(
                      "select coalesce(sum(r.amount), 0) from PurchaseRefund r"
                          + " where r.purchaseId = :p",
                      BigDecimal.class)
                  .setParameter("p", p.getId())
                  .getSingleResult();
          BigDecimal recognized = value(p, consumed);
          BigDecimal deferred = value(p, total.subtract(held.refunded())).subtract(recognized);
          boolean balanced =
              consumed.signum() >= 0
                  && held.refunded().compareTo(p.getCreditsRefunded()) == 0
                  && refundedMoney.compareTo(p.getAmountRefunded()) == 0
                  && recognized.add(deferred).add(refundedMoney).compareTo(paid) == 0;
          return new PurchaseRevenue(
              id,
              money(paid, p.getCurrency()),
              money(recognized, p.getCurrency()),
              money(deferred, p.getCurrency()),
              money(refundedMoney, p.getCurrency()),
              consumed,
              held.remaining(),
              held.refunded(),
              balanced);
        });
  }

  // ---------------------------------------------------------------- helpers

  private Purchase find(PurchaseId id) {
    Checks.required("purchaseId", id);
    return read(
        em -> {
          Purchase p = em.find(Purchase.class, id.toString());
          if (p == null) {
            throw notFound(id);
          }
          return p;
        });
  }

  private WalletRef walletRef(Purchase p) {
    return read(em -> LockedWallet.refOf(em, p.getWalletId()));
  }

  private static CreditsException notFound(PurchaseId id) {
    return new CreditsException(ErrorCode.PURCHASE_NOT_FOUND, "no purchase " + id);
  }

  private PaymentGateway gateway(String name) {
    PaymentGateway g = name == null ? null : gateways.get(name);
    if (g == null) {
      throw new CreditsException(
          ErrorCode.UNKNOWN_GATEWAY,
          "no payment gateway '" + name + "'; known: " + gateways.keySet(),
          List.of(new FieldViolation("gateway", "is not a known payment gateway")));
    }
    return g;
  }

  private static WalletRef requireRef(WalletRef ref) {
    Checks.required("wallet", ref);
    Checks.exactId("wallet.workspace", ref.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.exactId("wallet.organization", ref.organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
    return ref;
  }

  private static MonetaryAmount money(BigDecimal amount, String currency) {
    return Money.of(amount, Monetary.getCurrency(currency));
  }

  private static boolean sameMoney(MonetaryAmount a, MonetaryAmount b) {
    return a.getCurrency().equals(b.getCurrency())
        && a.getNumber()
                .numberValueExact(BigDecimal.class)
                .compareTo(b.getNumber().numberValueExact(BigDecimal.class))
            == 0;
  }

  /** Tells the listeners once the transaction the caller is in has committed (a host's too). */
  private void publish(PurchaseEvent.Type type, PurchaseView purchase, PurchaseRefundView refund) {
    ctx.transactions().afterCommit(() -> tell(type, purchase, refund));
  }

  private void tell(PurchaseEvent.Type type, PurchaseView purchase, PurchaseRefundView refund) {
    PurchaseEvent event = new PurchaseEvent(type, purchase, refund);
    List<Consumer<PurchaseEvent>> targets = new ArrayList<>();
    listeners.forEach(l -> targets.add(l::on));
    if (cdiEvents != null) {
      targets.add(cdiEvents);
    }
    for (Consumer<PurchaseEvent> target : targets) {
      try {
        target.accept(event);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "CREDITS-0305 a purchase listener failed on {0} of purchase {1}: {2}",
            type,
            purchase.id(),
            e.toString());
      }
    }
  }

  private static PurchaseView view(Purchase p, WalletRef ref) {
    CurrencyUnit currency = Monetary.getCurrency(p.getCurrency());
    return new PurchaseView(
        PurchaseId.of(p.getId()),
        ref,
        PackageId.of(p.getPackageId()),
        p.getPackageName(),
        p.getCredits(),
        p.getBonusCredits(),
        CreditAmounts.normalize(p.getTotalCredits()),
        Money.of(p.getPrice(), currency),
        Money.of(p.getCostBasis(), currency),
        p.getExpiryDays(),
        p.getStatus(),
        p.getGateway(),
        p.getGatewayReference(),
        p.getFailureReason(),
        p.getCreatedBy(),
        p.getConfirmedBy(),
        p.getAmountPaid() == null ? null : Money.of(p.getAmountPaid(), currency),
        p.getCreditsRefunded(),
        Money.of(p.getAmountRefunded(), currency),
        p.getLotId() == null ? null : new LotId(UUID.fromString(p.getLotId())),
        p.getCreditEntryId() == null ? null : new EntryId(UUID.fromString(p.getCreditEntryId())),
        p.getIdempotencyKey(),
        p.getCreatedAt(),
        p.getPaidAt(),
        p.getCreditedAt(),
        p.getUpdatedAt());
  }

  private static PurchaseRefundView refundView(PurchaseRefund r, PurchaseView purchase) {
    return new PurchaseRefundView(
        r.getId(),
        purchase,
        r.getCredits(),
        Money.of(r.getAmount(), Monetary.getCurrency(r.getCurrency())),
        new EntryId(UUID.fromString(r.getEntryId())),
        r.getStatus() == RefundStatus.SENT,
        r.getStatus(),
        r.getAttempts(),
        r.getGatewayReference(),
        r.getFailureReason(),
        r.getActor(),
        r.getIdempotencyKey(),
        r.getCreatedAt());
  }
}
