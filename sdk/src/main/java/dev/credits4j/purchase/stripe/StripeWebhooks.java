package dev.credits4j.purchase.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AutoTopUpView;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCategory;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.SqlErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.money.MonetaryAmount;

/**
 * Stripe's webhooks for purchases paid through {@link StripeGateway}. The host's endpoint passes
 * the raw request body and its {@code Stripe-Signature} header to {@link #handle}, and answers 2xx
 * when it returns, 400 on a {@link ErrorCode#WEBHOOK_REJECTED} error, and 5xx otherwise (Stripe
 * then delivers the event again).
 *
 * <ul>
 *   <li>The signature is checked against the endpoint's secret, with the settings' tolerance for
 *       the signed timestamp; a missing, wrong or expired signature, or a tampered body, is refused
 *       and changes nothing.
 *   <li>{@code checkout.session.completed} (when paid) and {@code
 *       checkout.session.async_payment_succeeded}, and {@code payment_intent.succeeded}: {@link
 *       Purchases#paymentSucceeded}, with the amount Stripe charged and the payment intent as the
 *       purchase's reference. {@code payment_intent.payment_failed}, {@code
 *       checkout.session.async_payment_failed} and {@code checkout.session.expired}: {@link
 *       Purchases#paymentFailed}, which fails only a PENDING purchase, so a failure arriving after
 *       the success never un-pays it, and a success after a failure still pays.
 *   <li>{@code checkout.session.completed} of a session in {@code setup} mode (auto top-up's card
 *       setup, {@link AutoTopUps#startPaymentMethodSetup}): the organization named by the session's
 *       {@value StripeGateway#WALLET_METADATA} metadata gets the saved payment method through
 *       {@link AutoTopUps#completePaymentMethodSetup}, which reads the session back from Stripe and
 *       accepts it only when its customer is the one the SDK created for that organization; the
 *       same card saved again changes nothing. A setup session without that metadata is ignored;
 *       one whose organization has no rule, or whose customer is another's, is {@link
 *       Outcome#REJECTED}. {@code setup_intent.succeeded} is acknowledged and ignored (the
 *       session's event carries the setup).
 *   <li>{@code charge.refunded}: refunds the SDK made are recorded before they are sent, so when
 *       Stripe's total refunded for the charge is no more than the purchase's refunded money, the
 *       event is the SDK's own and is ignored. Otherwise money was returned outside the SDK (the
 *       Stripe dashboard): the event is recorded as {@link Outcome#EXTERNAL_REFUND} with the amount
 *       and logged ({@code CREDITS-0312}), and the purchase's credits are left for the team to
 *       remove, since how many credits a partial refund is worth is the team's decision.
 *   <li>Any other event type is acknowledged and ignored.
 * </ul>
 *
 * <p>Each event id is handled once, as an idempotency key ({@link StripeEventKeys}, the SDK's one
 * way: {@link dev.credits4j.internal.IdempotencyKeys}): a {@code credits_stripe_event} row is
 * written after the effect commits, and a redelivery finds it and does nothing ({@link
 * Outcome#DUPLICATE}). A stored id with another event type is not a redelivery (Stripe never reuses
 * an id): it is {@link Outcome#REJECTED} with the idempotency conflict as its detail, and not
 * recorded. Deliveries that race each other may both run the effect, which is harmless: marking a
 * purchase paid or failed is idempotent, and its credits are granted exactly once (ledger
 * idempotency key {@code purchase:<id>}). An event the purchases refuse (unknown purchase, another
 * gateway's, a different amount) is recorded as {@link Outcome#REJECTED} and acknowledged, since
 * redelivering it cannot help; only transient failures (the database) propagate so that Stripe
 * retries.
 */
@ApplicationScoped
public class StripeWebhooks {
  private static final System.Logger LOG = System.getLogger(StripeWebhooks.class.getName());
  private static final int DETAIL_MAX = 500;

  /** What became of an event. */
  public enum Outcome {
    /** Its effect was applied (or found applied already by an earlier event). */
    PROCESSED,
    /** This event id was handled before; nothing was done. */
    DUPLICATE,
    /** Not an event about a credits4j purchase, or of a type not handled. */
    IGNORED,
    /** About a purchase, but refused by it (see the detail); redelivering will not help. */
    REJECTED,
    /** A refund made outside the SDK, recorded for the team. */
    EXTERNAL_REFUND
  }

  /** The result of handling one delivery. */
  public record Receipt(
      String eventId, String type, Outcome outcome, PurchaseId purchase, String detail) {}

  private CreditsContext ctx;
  private Purchases purchases;
  private Supplier<StripeSettings> settings;
  private Supplier<AutoTopUps> autoTopUps;

  /** For CDI's client proxies only. */
  protected StripeWebhooks() {}

  /** Under CDI: the host produces a {@link StripeSettings} bean. */
  @Inject
  public StripeWebhooks(
      CreditsContext ctx,
      Purchases purchases,
      Instance<StripeSettings> settings,
      Instance<AutoTopUps> autoTopUps) {
    this.ctx = ctx;
    this.purchases = purchases;
    this.autoTopUps = CdiLookups.optional(autoTopUps);
    this.settings =
        CdiLookups.required(settings, "CREDITS-0313 Stripe webhooks need one StripeSettings bean");
  }

  /** Without auto top-up: setup sessions are ignored. */
  public StripeWebhooks(CreditsContext ctx, Purchases purchases, StripeSettings settings) {
    this(ctx, purchases, null, settings);
  }

  /**
   * With auto top-up ({@code autoTopUps} may be null): a completed setup session saves the
   * organization's payment method.
   */
  public StripeWebhooks(
      CreditsContext ctx, Purchases purchases, AutoTopUps autoTopUps, StripeSettings settings) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.purchases = Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(settings, "settings");
    this.settings = () -> settings;
    this.autoTopUps = () -> autoTopUps;
  }

  /**
   * Verifies and handles one delivery.
   *
   * @param payload the request body exactly as received
   * @param signatureHeader the {@code Stripe-Signature} header
   * @throws CreditsException {@link ErrorCode#WEBHOOK_REJECTED} for a missing, wrong or expired
   *     signature or a body that is not a Stripe event; nothing is changed
   */
  public Receipt handle(String payload, String signatureHeader) {
    StripeSettings s = settings.get();
    if (payload == null || signatureHeader == null || signatureHeader.isBlank()) {
      throw rejected("the Stripe-Signature header or the body is missing");
    }
    try {
      Webhook.Signature.verifyHeader(
          payload, signatureHeader, s.webhookSecret(), s.tolerance().toSeconds(), ctx.clock());
    } catch (SignatureVerificationException e) {
      throw rejected("the Stripe-Signature does not verify: " + e.getMessage());
    }
    StripeEvent event = StripeEvent.parse(payload);
    try {
      if (handledBefore(event)) {
        return new Receipt(event.id, event.type, Outcome.DUPLICATE, null, null);
      }
    } catch (CreditsException conflict) {
      if (conflict.code() != ErrorCode.IDEMPOTENCY_CONFLICT) {
        throw conflict;
      }
      // Not a redelivery, and its id is taken: refused, not recorded (redelivering cannot help).
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0314 Stripe event {0} ({1}) refused: {2}",
          event.id,
          event.type,
          conflict.getMessage());
      return new Receipt(event.id, event.type, Outcome.REJECTED, null, conflict.getMessage());
    }
    Receipt receipt;
    try {
      receipt = apply(event);
    } catch (CreditsException e) {
      if (e.code().category() == ErrorCategory.UNAVAILABLE) {
        throw e;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0314 Stripe event {0} ({1}) refused: {2}",
          event.id,
          event.type,
          e.getMessage());
      receipt =
          new Receipt(event.id, event.type, Outcome.REJECTED, purchaseOf(event), e.getMessage());
    }
    return record(receipt);
  }

  private static CreditsException rejected(String why) {
    return new CreditsException(ErrorCode.WEBHOOK_REJECTED, "Stripe webhook refused: " + why);
  }

  private Receipt apply(StripeEvent e) {
    return switch (e.type) {
      case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
        if ("setup".equals(e.field("mode"))) {
          yield "checkout.session.completed".equals(e.type)
              ? setupCompleted(e)
              : ignored(e, "a setup session has no payment");
        }
        String status = e.field("payment_status");
        if (!"paid".equals(status) && !"no_payment_required".equals(status)) {
          yield ignored(e, "checkout session is " + status + "; waiting for the payment");
        }
        String intent = e.field("payment_intent");
        yield succeeded(e, intent != null ? intent : e.field("id"), "amount_total");
      }
      case "payment_intent.succeeded" -> succeeded(e, e.field("id"), "amount_received");
      case "payment_intent.payment_failed" -> failed(e, e.nested("last_payment_error", "message"));
      case "checkout.session.async_payment_failed" -> failed(e, "the payment failed");
      case "checkout.session.expired" -> failed(e, "the checkout session expired");
      case "charge.refunded" -> chargeRefunded(e);
      default -> ignored(e, "event type not handled");
    };
  }

  private Receipt succeeded(StripeEvent e, String reference, String amountField) {
    PurchaseId id = purchaseOf(e);
    if (id == null) {
      return ignored(e, "no " + StripeGateway.PURCHASE_METADATA + " in its metadata");
    }
    MonetaryAmount amount = e.money(amountField);
    PurchaseView p =
        purchases.paymentSucceeded(
            id, StripeGateway.NAME, reference, amount, Actor.system("stripe:" + e.id));
    return new Receipt(e.id, e.type, Outcome.PROCESSED, id, "purchase is " + p.status());
  }

  /** A Checkout Session in setup mode completed: auto top-up's card for an organization. */
  private Receipt setupCompleted(StripeEvent e) {
    String owner = e.metadata(StripeGateway.WALLET_METADATA);
    int slash = owner == null ? -1 : owner.indexOf('/');
    if (slash <= 0 || slash == owner.length() - 1) {
      return ignored(e, "not a credits4j card setup: no " + StripeGateway.WALLET_METADATA);
    }
    if (!"complete".equals(e.field("status"))) {
      return ignored(e, "the setup session is " + e.field("status"));
    }
    AutoTopUps topUps = autoTopUps.get();
    if (topUps == null) {
      return ignored(e, "auto top-up is not configured here");
    }
    WalletRef wallet;
    try {
      wallet = WalletRef.of(owner.substring(0, slash), owner.substring(slash + 1));
    } catch (RuntimeException notAWallet) {
      return ignored(
          e, "not a credits4j card setup: " + StripeGateway.WALLET_METADATA + " " + owner);
    }
    AutoTopUpView rule =
        topUps.completePaymentMethodSetup(wallet, e.field("id"), Actor.system("stripe:" + e.id));
    return new Receipt(
        e.id,
        e.type,
        Outcome.PROCESSED,
        null,
        "payment method " + rule.paymentMethod().paymentMethod() + " saved for " + wallet);
  }

  private Receipt failed(StripeEvent e, String reason) {
    PurchaseId id = purchaseOf(e);
    if (id == null) {
      return ignored(e, "no " + StripeGateway.PURCHASE_METADATA + " in its metadata");
    }
    PurchaseView p =
        purchases.paymentFailed(
            id, StripeGateway.NAME, reason == null ? "the payment failed" : "Stripe: " + reason);
    return new Receipt(e.id, e.type, Outcome.PROCESSED, id, "purchase is " + p.status());
  }

  private Receipt chargeRefunded(StripeEvent e) {
    PurchaseId id = purchaseOf(e);
    if (id == null) {
      id = purchaseByPayment(e.field("payment_intent"));
    }
    if (id == null) {
      return ignored(e, "not the charge of a credits4j purchase");
    }
    PurchaseView p = purchases.get(id);
    MonetaryAmount refunded = e.money("amount_refunded");
    if (!refunded.getCurrency().equals(p.amountRefunded().getCurrency())) {
      throw new CreditsException(
          ErrorCode.CURRENCY_MISMATCH,
          "charge " + e.field("id") + " is in " + refunded.getCurrency() + ", not the purchase's");
    }
    BigDecimal ours = p.amountRefunded().getNumber().numberValueExact(BigDecimal.class);
    BigDecimal theirs = refunded.getNumber().numberValueExact(BigDecimal.class);
    if (theirs.compareTo(ours) <= 0) {
      return new Receipt(e.id, e.type, Outcome.IGNORED, id, "refunded through credits4j");
    }
    String detail =
        theirs
                .subtract(ours)
                .setScale(
                    Math.max(refunded.getCurrency().getDefaultFractionDigits(), 0),
                    java.math.RoundingMode.UNNECESSARY)
                .toPlainString()
            + " "
            + refunded.getCurrency()
            + " refunded outside credits4j; the purchase's credits were not removed";
    LOG.log(
        System.Logger.Level.WARNING,
        "CREDITS-0312 purchase {0}: {1} (Stripe event {2})",
        id,
        detail,
        e.id);
    return new Receipt(e.id, e.type, Outcome.EXTERNAL_REFUND, id, detail);
  }

  private static Receipt ignored(StripeEvent e, String why) {
    return new Receipt(e.id, e.type, Outcome.IGNORED, null, why);
  }

  private static PurchaseId purchaseOf(StripeEvent e) {
    String id = e.metadata(StripeGateway.PURCHASE_METADATA);
    if (id == null && e.type.startsWith("checkout.session.")) {
      id = e.field("client_reference_id");
    }
    if (id == null) {
      return null;
    }
    try {
      return PurchaseId.of(id);
    } catch (RuntimeException notAnId) {
      return null;
    }
  }

  private PurchaseId purchaseByPayment(String paymentIntent) {
    if (paymentIntent == null) {
      return null;
    }
    List<String> ids =
        ctx.transactions()
            .read(
                em ->
                    em.createQuery(
                            "select p.id from Purchase p where p.gateway = :g"
                                + " and p.gatewayReference = :r",
                            String.class)
                        .setParameter("g", StripeGateway.NAME)
                        .setParameter("r", paymentIntent)
                        .getResultList());
    return ids.size() == 1 ? PurchaseId.of(ids.get(0)) : null;
  }

  // ---------------------------------------------------------------- once per event id

  /**
   * Whether this event id was handled before ({@link StripeEventKeys}); the same id with another
   * type is {@link ErrorCode#IDEMPOTENCY_CONFLICT}.
   */
  private boolean handledBefore(StripeEvent event) {
    return ctx.transactions()
        .read(
            em ->
                StripeEventKeys.KEYS
                    .replay(em, null, event.id, StripeEventKeys.fingerprint(event.type))
                    .isPresent());
  }

  /** Writes the event's row; a concurrent delivery that wrote it first makes this a DUPLICATE. */
  private Receipt record(Receipt r) {
    String detail =
        r.detail() == null || r.detail().length() <= DETAIL_MAX
            ? r.detail()
            : r.detail().substring(0, DETAIL_MAX);
    try {
      boolean withPurchase = r.purchase() != null;
      ctx.transactions()
          .inTransaction(
              em -> {
                var insert =
                    em.createNativeQuery(
                            "insert into credits_stripe_event (event_id, event_type, outcome,"
                                + " detail, received_at"
                                + (withPurchase ? ", purchase_id" : "")
                                + ") values (?1, ?2, ?3, ?4, ?5"
                                + (withPurchase ? ", ?6" : "")
                                + ")")
                        .setParameter(1, r.eventId())
                        .setParameter(2, StripeEventKeys.storedType(r.type()))
                        .setParameter(3, r.outcome().name())
                        .setParameter(4, detail == null ? "" : detail)
                        .setParameter(5, Micros.of(ctx.now()));
                if (withPurchase) {
                  insert.setParameter(6, r.purchase().toString());
                }
                return insert.executeUpdate();
              });
      return r;
    } catch (RuntimeException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        return new Receipt(r.eventId(), r.type(), Outcome.DUPLICATE, r.purchase(), null);
      }
      throw e;
    }
  }
}
