package dev.credits4j.topup;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AutoTopUpAttemptStatus;
import dev.credits4j.api.AutoTopUpAttemptView;
import dev.credits4j.api.AutoTopUpRequest;
import dev.credits4j.api.AutoTopUpView;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PaymentMethodSetup;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.SavedPaymentMethod;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LockedWallet;
import dev.credits4j.ledger.TopUpTriggers;
import dev.credits4j.notify.Outbox;
import dev.credits4j.spi.OffSessionPayments;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.spi.PaymentGateway.PaymentOrder;
import dev.credits4j.spi.PaymentGateway.PaymentOutcome;
import dev.credits4j.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Auto top-ups over JPA; see {@link AutoTopUps} and docs/purchases.md ("Auto top-up").
 *
 * <p>A rule change locks the organization's wallet, writes the rule and copies its threshold onto
 * the wallet, where every debit judges it. The job claims each trigger a debit recorded by deleting
 * it (one node wins), and in the same transaction, holding the rule's row lock, decides: skipped
 * (paused, in flight, the day's limit, no payment method) or STARTED with a lease. Only after that
 * commits does it create the purchase (idempotency key {@code auto-top-up:<attempt>}) and call the
 * gateway (the same key), with no transaction open; the outcome is recorded in a last transaction
 * with its notifications. A node that dies mid-way leaves a STARTED attempt whose lease lapses; the
 * job of any node then drives it again, and the keys make that charge nothing twice.
 */
@ApplicationScoped
public class DefaultAutoTopUps implements AutoTopUps {
  /** Who auto top-up purchases and their payments name. */
  public static final Actor AUTO_TOP_UP = Actor.system("credits4j-auto-top-up");

  /** Triggers and attempts read per query. */
  static final int BATCH = 100;

  private static final int MAX_PER_DAY = 100;
  private static final int MAX_DECLINES = 20;
  private static final System.Logger LOG = System.getLogger(DefaultAutoTopUps.class.getName());

  private CreditsContext ctx;
  private Purchases purchases;
  private PackageCatalog catalog;
  private Map<String, PaymentGateway> gateways;
  private AutoTopUpSettings settings;

  /** For CDI's client proxies only. */
  protected DefaultAutoTopUps() {}

  /** Under CDI: the payment gateways are beans; the settings an optional bean. */
  @Inject
  public DefaultAutoTopUps(
      CreditsContext ctx,
      Purchases purchases,
      PackageCatalog catalog,
      Instance<PaymentGateway> gateways,
      Instance<AutoTopUpSettings> settings) {
    this(
        ctx,
        purchases,
        catalog,
        gateways.stream().toList(),
        settings.isResolvable() ? settings.get() : AutoTopUpSettings.DEFAULTS);
  }

  /** Without CDI: the same gateways the purchases were given. */
  public DefaultAutoTopUps(
      CreditsContext ctx,
      Purchases purchases,
      PackageCatalog catalog,
      Collection<PaymentGateway> gateways,
      AutoTopUpSettings settings) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.purchases = Objects.requireNonNull(purchases, "purchases");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.settings = Objects.requireNonNull(settings, "settings");
    Map<String, PaymentGateway> byName = new LinkedHashMap<>();
    for (PaymentGateway g : gateways) {
      byName.put(g.name(), g);
    }
    this.gateways = Map.copyOf(byName);
  }

  private <T> T write(Function<EntityManager, T> work) {
    return ctx.transactions().inTransaction(work);
  }

  private <T> T read(Function<EntityManager, T> work) {
    return ctx.transactions().read(work);
  }

  // ---------------------------------------------------------------- the rule

  @Override
  public AutoTopUpView set(AutoTopUpRequest r) {
    Checks.required("request", r);
    WalletRef ref = requireRef(r.wallet());
    Actor actor = Checks.required("actor", r.actor());
    Checks.required("threshold", r.threshold());
    if (r.threshold().signum() < 0) {
      throw CreditAmounts.invalid(
          "threshold", "must be zero or more, was " + r.threshold().toPlainString());
    }
    if ((r.packageId() == null) == (r.targetBalance() == null)) {
      throw Checks.invalid("packageId", "or targetBalance is required, and not both");
    }
    if (r.maxPerDay() < 1 || r.maxPerDay() > MAX_PER_DAY) {
      throw Checks.invalid("maxPerDay", "must be 1 to " + MAX_PER_DAY + ", was " + r.maxPerDay());
    }
    int maxDeclines =
        r.maxDeclines() == null ? AutoTopUpRequest.DEFAULT_MAX_DECLINES : r.maxDeclines();
    if (maxDeclines < 1 || maxDeclines > MAX_DECLINES) {
      throw Checks.invalid("maxDeclines", "must be 1 to " + MAX_DECLINES + ", was " + maxDeclines);
    }
    String gateway = Checks.requiredText("gateway", r.gateway(), 64);
    requireGateway(gateway);
    if (r.packageId() != null) {
      CreditPackageView pkg = catalog.get(ref.workspace(), r.packageId());
      if (!pkg.active()) {
        throw new CreditsException(
            ErrorCode.PACKAGE_INACTIVE, "package " + r.packageId() + " is not active");
      }
    }
    return write(
        em -> {
          LockedWallet w = LockedWallet.lock(em, ctx, ref);
          int scale = w.workspace().getCreditScale();
          BigDecimal threshold =
              CreditAmounts.requireNonNegative("threshold", r.threshold(), scale);
          BigDecimal target = null;
          if (r.targetBalance() != null) {
            target = CreditAmounts.requirePositive("targetBalance", r.targetBalance(), scale);
            if (target.compareTo(threshold) <= 0) {
              throw Checks.invalid("targetBalance", "must be above the threshold " + threshold);
            }
          }
          AutoTopUp rule = em.find(AutoTopUp.class, w.id(), LockModeType.PESSIMISTIC_WRITE);
          if (rule == null) {
            rule = new AutoTopUp(w.id(), ref.workspace(), ref.organization(), w.now());
            rule.define(
                threshold,
                id(r.packageId()),
                target,
                r.maxPerDay(),
                gateway,
                maxDeclines,
                actor,
                w.now());
            em.persist(rule);
          } else {
            rule.define(
                threshold,
                id(r.packageId()),
                target,
                r.maxPerDay(),
                gateway,
                maxDeclines,
                actor,
                w.now());
          }
          w.setTopUpThreshold(threshold);
          return view(rule, ref);
        });
  }

  @Override
  public Optional<AutoTopUpView> get(WalletRef wallet) {
    WalletRef ref = requireRef(wallet);
    return read(
        em -> {
          String walletId = walletId(em, ref);
          AutoTopUp rule = em.find(AutoTopUp.class, walletId);
          return Optional.ofNullable(rule == null ? null : view(rule, ref));
        });
  }

  @Override
  public AutoTopUpView pause(WalletRef wallet, Actor actor) {
    Checks.required("actor", actor);
    return change(
        wallet,
        (w, rule) -> {
          if (rule.isActive()) {
            rule.pause("paused by " + actor.name(), actor, w.now());
            w.setTopUpThreshold(null);
          }
        });
  }

  @Override
  public AutoTopUpView resume(WalletRef wallet, Actor actor) {
    Checks.required("actor", actor);
    return change(
        wallet,
        (w, rule) -> {
          rule.activate(actor, w.now());
          w.setTopUpThreshold(rule.getThreshold());
        });
  }

  @Override
  public boolean delete(WalletRef wallet, Actor actor) {
    WalletRef ref = requireRef(wallet);
    Checks.required("actor", actor);
    return write(
        em -> {
          LockedWallet w = LockedWallet.lock(em, ctx, ref);
          AutoTopUp rule = em.find(AutoTopUp.class, w.id(), LockModeType.PESSIMISTIC_WRITE);
          w.setTopUpThreshold(null);
          if (rule == null) {
            return false;
          }
          em.remove(rule);
          return true;
        });
  }

  private interface RuleChange {
    void apply(LockedWallet w, AutoTopUp rule);
  }

  private AutoTopUpView change(WalletRef wallet, RuleChange change) {
    WalletRef ref = requireRef(wallet);
    return write(
        em -> {
          LockedWallet w = LockedWallet.lock(em, ctx, ref);
          AutoTopUp rule = requireRule(em, w.id(), ref);
          change.apply(w, rule);
          return view(rule, ref);
        });
  }

  @Override
  public List<AutoTopUpAttemptView> attempts(WalletRef wallet, int limit) {
    WalletRef ref = requireRef(wallet);
    if (limit < 1 || limit > 500) {
      throw Checks.invalid("limit", "must be 1 to 500, was " + limit);
    }
    return read(
        em -> {
          String walletId = walletId(em, ref);
          return em
              .createQuery(
                  "select a from TopUpAttempt a where a.walletId = :w"
                      + " order by a.createdAt desc, a.id desc",
                  TopUpAttempt.class)
              .setParameter("w", walletId)
              .setMaxResults(limit)
              .getResultList()
              .stream()
              .map(a -> view(a, ref))
              .toList();
        });
  }

  // ---------------------------------------------------------------- payment method

  @Override
  public PaymentMethodSetup startPaymentMethodSetup(WalletRef wallet, String gateway, Actor actor) {
    WalletRef ref = requireRef(wallet);
    Checks.required("actor", actor);
    String name = Checks.requiredText("gateway", gateway, 64);
    OffSessionPayments payments = offSession(name);
    String customer =
        read(
            em -> {
              AutoTopUp rule = requireRule(em, walletId(em, ref), ref);
              return rule.getCustomer();
            });
    OffSessionPayments.Setup setup = payments.startSetup(ref, customer, "setup:" + Ids.newId());
    if (customer == null && setup.customer() != null) {
      write(
          em -> {
            LockedWallet w = LockedWallet.lock(em, ctx, ref);
            AutoTopUp rule = requireRule(em, w.id(), ref);
            if (rule.getCustomer() == null) {
              rule.saveCustomer(setup.customer());
            }
            return null;
          });
    }
    return new PaymentMethodSetup(name, setup.reference(), setup.url());
  }

  @Override
  public AutoTopUpView completePaymentMethodSetup(WalletRef wallet, String reference, Actor actor) {
    WalletRef ref = requireRef(wallet);
    String setupRef = Checks.requiredText("reference", reference, 255);
    Checks.required("actor", actor);
    String gateway = read(em -> requireRule(em, walletId(em, ref), ref).getGateway());
    SavedPaymentMethod method;
    try {
      method = offSession(gateway).finishSetup(setupRef);
    } catch (IllegalArgumentException e) {
      throw new CreditsException(ErrorCode.PAYMENT_METHOD_SETUP, e.getMessage());
    }
    Checks.requiredText("paymentMethod.customer", method.customer(), 255);
    Checks.requiredText("paymentMethod.paymentMethod", method.paymentMethod(), 255);
    return write(
        em -> {
          LockedWallet w = LockedWallet.lock(em, ctx, ref);
          AutoTopUp rule = requireRule(em, w.id(), ref);
          if (!rule.getGateway().equals(method.gateway())) {
            throw new CreditsException(
                ErrorCode.PAYMENT_METHOD_SETUP,
                "the setup "
                    + setupRef
                    + " is a "
                    + method.gateway()
                    + " setup; the rule now charges through "
                    + rule.getGateway());
          }
          // Only a setup the SDK started for this organization: its customer is the one
          // startPaymentMethodSetup created (and stored) for the organization.
          if (rule.getCustomer() == null) {
            throw new CreditsException(
                ErrorCode.PAYMENT_METHOD_SETUP,
                "no payment method setup was started for " + ref + "; start one first");
          }
          if (!rule.getCustomer().equals(method.customer())) {
            throw new CreditsException(
                ErrorCode.PAYMENT_METHOD_SETUP,
                "the setup " + setupRef + " is not one started for " + ref + " (another customer)");
          }
          // The same card again (a webhook and the explicit call, or a redelivery): no change.
          if (!method.paymentMethod().equals(rule.getPaymentMethod())) {
            rule.savePaymentMethod(method.customer(), method.paymentMethod(), actor, w.now());
          }
          return view(rule, ref);
        });
  }

  @Override
  public AutoTopUpView savePaymentMethod(WalletRef wallet, SavedPaymentMethod method, Actor actor) {
    WalletRef ref = requireRef(wallet);
    Checks.required("actor", actor);
    Checks.required("paymentMethod", method);
    Checks.requiredText("paymentMethod.customer", method.customer(), 255);
    Checks.requiredText("paymentMethod.paymentMethod", method.paymentMethod(), 255);
    offSession(method.gateway());
    return write(
        em -> {
          LockedWallet w = LockedWallet.lock(em, ctx, ref);
          AutoTopUp rule = requireRule(em, w.id(), ref);
          if (!rule.getGateway().equals(method.gateway())) {
            throw Checks.invalid(
                "paymentMethod.gateway",
                "must be the rule's gateway " + rule.getGateway() + ", was " + method.gateway());
          }
          rule.savePaymentMethod(method.customer(), method.paymentMethod(), actor, w.now());
          return view(rule, ref);
        });
  }

  // ---------------------------------------------------------------- the job

  @Override
  public int runTriggered() {
    int done = 0;
    for (String walletId : read(em -> TopUpTriggers.waiting(em, BATCH))) {
      String started = write(em -> claim(em, walletId));
      if (started != null) {
        drive(started);
        done++;
      }
    }
    long now = Micros.of(ctx.now());
    List<String> lapsed =
        read(
            em ->
                em.createQuery(
                        "select a.id from TopUpAttempt a where a.status = :s"
                            + " and a.leaseUntil < :now order by a.createdAt",
                        String.class)
                    .setParameter("s", AutoTopUpAttemptStatus.STARTED)
                    .setParameter("now", now)
                    .setMaxResults(BATCH)
                    .getResultList());
    for (String id : lapsed) {
      if (write(em -> retake(em, id, now))) {
        drive(id);
        done++;
      }
    }
    List<Object[]> awaiting =
        read(
            em ->
                em.createQuery(
                        "select a.id, a.purchaseId from TopUpAttempt a where a.status = :s"
                            + " and a.leaseUntil is null order by a.createdAt",
                        Object[].class)
                    .setParameter("s", AutoTopUpAttemptStatus.STARTED)
                    .setMaxResults(BATCH)
                    .getResultList());
    for (Object[] row : awaiting) {
      PurchaseView p = purchases.get(new PurchaseId(UUID.fromString((String) row[1])));
      if (settle((String) row[0], p)) {
        done++;
      }
    }
    return done;
  }

  /**
   * Claims the wallet's trigger and decides what it becomes, under the rule's row lock; returns the
   * id of the attempt to drive, or null when it was skipped (or another node claimed it).
   */
  private String claim(EntityManager em, String walletId) {
    AutoTopUp rule = em.find(AutoTopUp.class, walletId, LockModeType.PESSIMISTIC_WRITE);
    Optional<TopUpTriggers.Due> claimed = TopUpTriggers.claim(em, walletId);
    if (claimed.isEmpty() || rule == null) {
      return null;
    }
    TopUpTriggers.Due due = claimed.get();
    Instant now = ctx.now();
    LocalDate day = LocalDate.ofInstant(now, zone(em, rule.getWorkspaceKey()));
    TopUpAttempt a =
        new TopUpAttempt(
            Ids.newId(),
            walletId,
            rule.getWorkspaceKey(),
            rule.getOrganizationId(),
            due.triggeredAt(),
            due.entryId(),
            due.available(),
            day,
            rule.getGateway(),
            now);
    String skipped = skipReason(em, rule, day);
    if (skipped != null) {
      a.finish(AutoTopUpAttemptStatus.SKIPPED, skipped, now);
      em.persist(a);
      LOG.log(
          System.Logger.Level.INFO,
          "CREDITS-0602 auto top-up of {0}/{1} skipped: {2}",
          rule.getWorkspaceKey(),
          rule.getOrganizationId(),
          skipped);
      return null;
    }
    a.start(rule.getPackageId(), now.plus(settings.lease()));
    em.persist(a);
    return a.getId();
  }

  private String skipReason(EntityManager em, AutoTopUp rule, LocalDate day) {
    if (!rule.isActive()) {
      return "the rule is paused";
    }
    long inFlight =
        em.createQuery(
                "select count(a) from TopUpAttempt a where a.walletId = :w and a.status = :s",
                Long.class)
            .setParameter("w", rule.getWalletId())
            .setParameter("s", AutoTopUpAttemptStatus.STARTED)
            .getSingleResult();
    if (inFlight > 0) {
      return "another auto top-up is in flight";
    }
    long today =
        em.createQuery(
                "select count(a) from TopUpAttempt a where a.walletId = :w and a.localDay = :d"
                    + " and a.status <> :skipped",
                Long.class)
            .setParameter("w", rule.getWalletId())
            .setParameter("d", day.toString())
            .setParameter("skipped", AutoTopUpAttemptStatus.SKIPPED)
            .getSingleResult();
    if (today >= rule.getMaxPerDay()) {
      return "the limit of " + rule.getMaxPerDay() + " auto top-ups on " + day + " is reached";
    }
    if (!PaymentGateway.MANUAL.equals(rule.getGateway()) && rule.getPaymentMethod() == null) {
      return "no payment method is saved for gateway " + rule.getGateway();
    }
    return null;
  }

  /** Takes over a STARTED attempt whose lease lapsed (its node died); true if this node won. */
  private boolean retake(EntityManager em, String id, long now) {
    return em.createQuery(
                "update TopUpAttempt a set a.leaseUntil = :until where a.id = :id"
                    + " and a.status = :s and a.leaseUntil < :now")
            .setParameter("until", Micros.of(ctx.now().plus(settings.lease())))
            .setParameter("id", id)
            .setParameter("s", AutoTopUpAttemptStatus.STARTED)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  /** What {@link #drive} needs, read in one transaction. */
  private record Driving(
      TopUpAttempt attempt, WalletRef ref, AutoTopUp rule, BigDecimal available) {}

  /** Creates the attempt's purchase and pays it, with no transaction open; records the outcome. */
  private void drive(String attemptId) {
    Driving d = driving(attemptId);
    TopUpAttempt a = d.attempt();
    if (d.rule() == null) {
      finish(attemptId, Ending.FAILED, "the rule was deleted", null);
      return;
    }
    PurchaseView purchase = createPurchase(attemptId, d);
    if (purchase == null) {
      return;
    }
    recordPurchase(attemptId, purchase);
    if (PaymentGateway.MANUAL.equals(a.getGateway())) {
      remind(attemptId, purchase);
      return;
    }
    PaymentOutcome outcome = chargeSavedMethod(attemptId, d, purchase);
    if (outcome != null) {
      recordOutcome(attemptId, a.getGateway(), purchase, outcome);
    }
  }

  private Driving driving(String attemptId) {
    return read(
        em -> {
          TopUpAttempt a = em.find(TopUpAttempt.class, attemptId);
          AutoTopUp rule = em.find(AutoTopUp.class, a.getWalletId());
          WalletRef ref = WalletRef.of(a.getWorkspaceKey(), a.getOrganizationId());
          return new Driving(a, ref, rule, a.getAvailable());
        });
  }

  /**
   * The purchase of the package that tops the wallet up; null when the attempt finished instead (no
   * package fits, or the purchase was refused).
   */
  private PurchaseView createPurchase(String attemptId, Driving d) {
    try {
      PackageId pkg = packageFor(d);
      if (pkg == null) {
        finish(
            attemptId,
            Ending.SKIPPED,
            "no catalog package brings available credits from "
                + CreditAmounts.display(d.available())
                + " to "
                + CreditAmounts.display(d.rule().getTargetBalance()),
            null);
        return null;
      }
      return purchases.create(
          new PurchaseRequest(
              d.ref(), pkg, d.attempt().getGateway(), AUTO_TOP_UP, "auto-top-up:" + attemptId));
    } catch (CreditsException e) {
      finish(attemptId, Ending.FAILED, e.getMessage(), null);
      return null;
    }
  }

  private void recordPurchase(String attemptId, PurchaseView purchase) {
    String purchaseId = purchase.id().toString();
    write(
        em -> {
          em.find(TopUpAttempt.class, attemptId)
              .purchase(purchaseId, purchase.packageId().toString());
          return null;
        });
  }

  /**
   * Charges the rule's saved payment method; null when the gateway failed (the purchase and the
   * attempt are then recorded as failed).
   */
  private PaymentOutcome chargeSavedMethod(String attemptId, Driving d, PurchaseView purchase) {
    String gateway = d.attempt().getGateway();
    try {
      return offSession(gateway)
          .chargeOffSession(
              new PaymentOrder(
                  purchase.id(),
                  d.ref(),
                  purchase.price(),
                  "Auto top-up: " + purchase.packageName(),
                  "auto-top-up:" + attemptId),
              new SavedPaymentMethod(gateway, d.rule().getCustomer(), d.rule().getPaymentMethod()));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0603 auto top-up payment of purchase " + purchase.id() + " failed",
          e);
      purchases.paymentFailed(purchase.id(), gateway, "gateway error: " + e.getMessage());
      finish(attemptId, Ending.FAILED, "gateway error: " + e.getMessage(), purchase);
      return null;
    }
  }

  /** Records the gateway's answer on the purchase and the attempt (a pending one waits). */
  private void recordOutcome(
      String attemptId, String gateway, PurchaseView purchase, PaymentOutcome outcome) {
    switch (outcome.status()) {
      case SUCCEEDED -> {
        PurchaseView paid =
            purchases.paymentSucceeded(
                purchase.id(), gateway, outcome.reference(), purchase.price(), AUTO_TOP_UP);
        settle(attemptId, paid);
      }
      case FAILED -> {
        PurchaseView failed =
            purchases.paymentFailed(purchase.id(), gateway, outcome.failureReason());
        settle(attemptId, failed);
      }
      case PENDING ->
          write(
              em -> {
                em.find(TopUpAttempt.class, attemptId)
                    .awaitSettlement("payment " + outcome.reference() + " is processing");
                return null;
              });
    }
  }

  private PackageId packageFor(Driving d) {
    AutoTopUp rule = d.rule();
    if (d.attempt().getPackageId() != null) {
      return new PackageId(UUID.fromString(d.attempt().getPackageId()));
    }
    BigDecimal missing = rule.getTargetBalance().subtract(d.available());
    List<CreditPackageView> fit = catalog.suggestFor(rule.getWorkspaceKey(), missing, ctx.now());
    return fit.isEmpty() ? null : fit.get(0).id();
  }

  /**
   * Records the attempt's outcome from its purchase's state, if the purchase has one; true when the
   * attempt finished now.
   */
  private boolean settle(String attemptId, PurchaseView p) {
    return switch (p.status()) {
      case CREDITED, PAID, REFUNDED, PARTIALLY_REFUNDED ->
          finish(attemptId, Ending.SUCCEEDED, p.gatewayReference(), p);
      case FAILED -> finish(attemptId, Ending.DECLINED, p.failureReason(), p);
      case CANCELED -> finish(attemptId, Ending.FAILED, "the purchase was cancelled", p);
      default -> false;
    };
  }

  /** How an attempt ends: the status it is given, and whether it counts toward a pause. */
  private enum Ending {
    SUCCEEDED(AutoTopUpAttemptStatus.SUCCEEDED),
    SKIPPED(AutoTopUpAttemptStatus.SKIPPED),
    /** Failed for a reason that is not the payment method's (not counted toward a pause). */
    FAILED(AutoTopUpAttemptStatus.FAILED),
    /** Failed because the gateway declined the payment: counts toward the rule's pause. */
    DECLINED(AutoTopUpAttemptStatus.FAILED);

    final AutoTopUpAttemptStatus status;

    Ending(AutoTopUpAttemptStatus status) {
      this.status = status;
    }
  }

  /**
   * Finishes a STARTED attempt with its notifications, under the wallet's lock (a pause clears the
   * wallet's threshold); a decline counts toward the rule's pause. False if it was finished
   * already.
   */
  private boolean finish(String attemptId, Ending ending, String detail, PurchaseView purchase) {
    AutoTopUpAttemptStatus status = ending.status;
    return write(
        em -> {
          String walletId = em.find(TopUpAttempt.class, attemptId).getWalletId();
          LockedWallet w = LockedWallet.lockById(em, ctx, walletId);
          TopUpAttempt a = em.find(TopUpAttempt.class, attemptId);
          em.refresh(a);
          if (a.getStatus() != AutoTopUpAttemptStatus.STARTED) {
            return false;
          }
          Instant now = w.now();
          a.finish(status, detail, now);
          if (status == AutoTopUpAttemptStatus.SKIPPED) {
            return true;
          }
          AutoTopUp rule = em.find(AutoTopUp.class, walletId, LockModeType.PESSIMISTIC_WRITE);
          if (status == AutoTopUpAttemptStatus.SUCCEEDED) {
            if (rule != null) {
              rule.succeeded();
            }
            notification(NotificationType.AUTO_TOP_UP_SUCCEEDED, w, a, purchase)
                .data("reference", detail)
                .writeTo(em);
            return true;
          }
          boolean paused =
              ending == Ending.DECLINED && rule != null && rule.declined(AUTO_TOP_UP, now);
          notification(NotificationType.AUTO_TOP_UP_FAILED, w, a, purchase)
              .data("reason", detail)
              .data("declines", rule == null ? null : rule.getConsecutiveDeclines())
              .writeTo(em);
          if (paused) {
            w.setTopUpThreshold(null);
            notification(NotificationType.AUTO_TOP_UP_PAUSED, w, a, purchase)
                .data("reason", rule.getPausedReason())
                .data("declines", rule.getConsecutiveDeclines())
                .data("audience", "client,team")
                .writeTo(em);
            LOG.log(
                System.Logger.Level.WARNING,
                "CREDITS-0604 auto top-up of {0}/{1} paused: {2}",
                a.getWorkspaceKey(),
                a.getOrganizationId(),
                rule.getPausedReason());
          }
          return true;
        });
  }

  /** A manual top-up: the purchase waits for the client; the reminder tells the client so. */
  private void remind(String attemptId, PurchaseView purchase) {
    write(
        em -> {
          TopUpAttempt a = em.find(TopUpAttempt.class, attemptId);
          if (a.getStatus() != AutoTopUpAttemptStatus.STARTED) {
            return null;
          }
          LockedWallet w = LockedWallet.lockById(em, ctx, a.getWalletId());
          a.awaitSettlement("awaiting the client's payment");
          notification(NotificationType.PURCHASE_REMINDER, w, a, purchase)
              .data("link", link(purchase))
              .writeTo(em);
          return null;
        });
  }

  private String link(PurchaseView p) {
    String template = settings.reminderLink();
    if (template == null) {
      return "purchase " + p.id();
    }
    return template
        .replace("{purchase}", encode(p.id().toString()))
        .replace("{workspace}", encode(p.wallet().workspace()))
        .replace("{organization}", encode(p.wallet().organization()));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Outbox.Draft notification(
      NotificationType type, LockedWallet w, TopUpAttempt a, PurchaseView p) {
    Outbox.Draft d = Outbox.draft(type, w.ref(), w.id(), w.now()).data("attempt", a.getId());
    if (p != null) {
      d.purchase(p.id().toString())
          .credits(p.totalCredits())
          .money(p.price().getNumber().numberValue(BigDecimal.class), currency(p))
          .data("packageName", p.packageName());
    }
    return d;
  }

  private static String currency(PurchaseView p) {
    return p.price().getCurrency().getCurrencyCode();
  }

  // ---------------------------------------------------------------- helpers

  private void requireGateway(String name) {
    if (PaymentGateway.MANUAL.equals(name)) {
      return;
    }
    offSession(name);
  }

  private OffSessionPayments offSession(String name) {
    PaymentGateway g = gateways.get(name);
    if (g instanceof OffSessionPayments payments) {
      return payments;
    }
    throw new CreditsException(
        ErrorCode.UNKNOWN_GATEWAY,
        "gateway "
            + name
            + (g == null ? " is not configured" : " cannot charge a saved payment method"),
        List.of(
            new dev.credits4j.api.FieldViolation(
                "gateway", "must be manual or a gateway that charges off-session")));
  }

  private static String id(PackageId id) {
    return id == null ? null : id.toString();
  }

  private static WalletRef requireRef(WalletRef ref) {
    Checks.required("wallet", ref);
    Checks.exactId("wallet.workspace", ref.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.exactId("wallet.organization", ref.organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
    return ref;
  }

  private static String walletId(EntityManager em, WalletRef ref) {
    List<String> ids =
        dev.credits4j.ledger.LedgerReads.walletIds(em, ref.workspace(), ref.organization())
            .getResultList();
    if (ids.isEmpty()) {
      throw new CreditsException(ErrorCode.WALLET_NOT_FOUND, "no organization " + ref);
    }
    return ids.get(0);
  }

  private static AutoTopUp requireRule(EntityManager em, String walletId, WalletRef ref) {
    AutoTopUp rule = em.find(AutoTopUp.class, walletId, LockModeType.PESSIMISTIC_WRITE);
    if (rule == null) {
      throw new CreditsException(
          ErrorCode.AUTO_TOP_UP_NOT_FOUND, "organization " + ref + " has no auto top-up rule");
    }
    return rule;
  }

  private static ZoneId zone(EntityManager em, String workspace) {
    return ZoneId.of(em.find(Workspace.class, workspace).getTimeZone());
  }

  private static AutoTopUpView view(AutoTopUp r, WalletRef ref) {
    return new AutoTopUpView(
        ref,
        CreditAmounts.normalize(r.getThreshold()),
        r.getPackageId() == null ? null : new PackageId(UUID.fromString(r.getPackageId())),
        r.getTargetBalance() == null ? null : CreditAmounts.normalize(r.getTargetBalance()),
        r.getMaxPerDay(),
        r.getGateway(),
        r.getMaxDeclines(),
        r.getStatus(),
        r.getConsecutiveDeclines(),
        r.getPausedReason(),
        r.getPaymentMethod() == null
            ? null
            : new SavedPaymentMethod(r.getGateway(), r.getCustomer(), r.getPaymentMethod()),
        r.getChangedBy(),
        r.getCreatedAt(),
        r.getUpdatedAt());
  }

  private static AutoTopUpAttemptView view(TopUpAttempt a, WalletRef ref) {
    return new AutoTopUpAttemptView(
        a.getId(),
        ref,
        a.getTriggeredAt(),
        a.getEntryId() == null ? null : new EntryId(UUID.fromString(a.getEntryId())),
        CreditAmounts.normalize(a.getAvailable()),
        a.getDay(),
        a.getStatus(),
        a.getGateway(),
        a.getPackageId() == null ? null : new PackageId(UUID.fromString(a.getPackageId())),
        a.getPurchaseId() == null ? null : new PurchaseId(UUID.fromString(a.getPurchaseId())),
        a.getDetail(),
        a.getCreatedAt(),
        a.getFinishedAt());
  }
}
