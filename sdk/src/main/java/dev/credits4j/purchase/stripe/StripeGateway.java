package dev.credits4j.purchase.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.SetupIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import dev.credits4j.api.SavedPaymentMethod;
import dev.credits4j.api.WalletRef;
import dev.credits4j.spi.OffSessionPayments;
import dev.credits4j.spi.PaymentGateway;
import java.util.Locale;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * Payments through Stripe Checkout (gateway {@value #NAME}). {@link #startPayment} creates a
 * Checkout Session for the purchase's price, with the purchase id in the session's and the payment
 * intent's metadata ({@value #PURCHASE_METADATA}) and Stripe's idempotency key {@code
 * credits4j-purchase:<id>}, and answers PENDING with the session's URL; the payment settles when
 * {@link StripeWebhooks} receives Stripe's event. Refunds go through Stripe's Refund API against
 * the payment intent, in the currency's minor units, with idempotency key {@code
 * credits4j-refund:<refund id>}.
 *
 * <p>For auto top-ups ({@link OffSessionPayments}) it saves a payment method through a Checkout
 * Session in setup mode for a Stripe customer it creates once per organization (metadata {@value
 * #WALLET_METADATA}, idempotency key {@code credits4j-customer:<workspace>:<organization>}), reads
 * the session's SetupIntent for the saved payment method once the setup is complete, and charges it
 * with an off-session PaymentIntent confirmed at once (idempotency key {@code credits4j-<order
 * key>}, the purchase id in its metadata). A decline answers FAILED with Stripe's decline code; a
 * payment needing the client's authentication fails too (the client is away).
 *
 * <p>The SDK calls a gateway with no transaction open and no wallet locked, so a slow Stripe never
 * holds a lock. A Stripe error while creating a session throws, and the purchase stays PENDING to
 * be tried again; a refund Stripe refuses is recorded as not sent.
 */
public final class StripeGateway implements PaymentGateway, OffSessionPayments {
  /** The gateway's name, stored on each purchase. */
  public static final String NAME = "stripe";

  /** The metadata key holding the purchase id on sessions, payment intents and refunds. */
  public static final String PURCHASE_METADATA = "credits4j_purchase_id";

  /** The metadata key holding the SDK's refund id on Stripe refunds. */
  public static final String REFUND_METADATA = "credits4j_refund_id";

  /** The metadata key holding {@code workspace/organization} on customers and setup sessions. */
  public static final String WALLET_METADATA = "credits4j_wallet";

  private final StripeClient client;
  private final StripeSettings settings;

  public StripeGateway(StripeSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client =
        StripeClient.builder()
            .setApiKey(settings.apiKey())
            .setApiBase(settings.apiBase())
            .setMaxNetworkRetries(2)
            .build();
  }

  StripeSettings settings() {
    return settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PaymentOutcome startPayment(PaymentOrder order) {
    String purchase = order.purchase().toString();
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .setSuccessUrl(settings.successUrl())
            .setCancelUrl(settings.cancelUrl())
            .setClientReferenceId(purchase)
            .putMetadata(PURCHASE_METADATA, purchase)
            .setPaymentIntentData(
                SessionCreateParams.PaymentIntentData.builder()
                    .putMetadata(PURCHASE_METADATA, purchase)
                    .build())
            .addLineItem(
                SessionCreateParams.LineItem.builder()
                    .setQuantity(1L)
                    .setPriceData(
                        SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(currency(order.amount()))
                            .setUnitAmount(minorUnits(order.amount()))
                            .setProductData(
                                SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName(order.description())
                                    .build())
                            .build())
                    .build())
            .build();
    try {
      Session session =
          client
              .checkout()
              .sessions()
              .create(params, options("credits4j-" + order.idempotencyKey()));
      return PaymentOutcome.pending(session.getId(), session.getUrl());
    } catch (StripeException e) {
      throw new IllegalStateException(
          "CREDITS-0311 Stripe refused the checkout session of purchase "
              + purchase
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    String payment = order.paymentReference();
    try {
      if (payment != null && payment.startsWith("cs_")) {
        // Paid but the webhook naming the payment intent has not been seen: ask the session.
        payment = client.checkout().sessions().retrieve(payment).getPaymentIntent();
      }
      if (payment == null || !payment.startsWith("pi_")) {
        return RefundOutcome.failed(
            "no Stripe payment intent known for purchase " + order.purchase());
      }
      Refund refund =
          client
              .refunds()
              .create(
                  RefundCreateParams.builder()
                      .setPaymentIntent(payment)
                      .setAmount(minorUnits(order.amount()))
                      .putMetadata(PURCHASE_METADATA, order.purchase().toString())
                      .putMetadata(REFUND_METADATA, order.refundId())
                      .build(),
                  options("credits4j-" + order.idempotencyKey()));
      if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
        return RefundOutcome.failed("Stripe refund " + refund.getId() + " " + refund.getStatus());
      }
      return RefundOutcome.succeeded(refund.getId());
    } catch (StripeException e) {
      return RefundOutcome.failed("Stripe refused the refund: " + e.getMessage());
    }
  }

  @Override
  public Setup startSetup(WalletRef wallet, String customer, String idempotencyKey) {
    String owner = wallet.workspace() + "/" + wallet.organization();
    try {
      String customerId = customer;
      if (customerId == null) {
        Customer made =
            client
                .customers()
                .create(
                    CustomerCreateParams.builder()
                        .setDescription("credits4j organization " + owner)
                        .putMetadata(WALLET_METADATA, owner)
                        .build(),
                    options("credits4j-customer:" + owner));
        customerId = made.getId();
      }
      Session session =
          client
              .checkout()
              .sessions()
              .create(
                  SessionCreateParams.builder()
                      .setMode(SessionCreateParams.Mode.SETUP)
                      .setCustomer(customerId)
                      .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                      .setSuccessUrl(settings.successUrl())
                      .setCancelUrl(settings.cancelUrl())
                      .putMetadata(WALLET_METADATA, owner)
                      .build(),
                  options("credits4j-" + idempotencyKey));
      return new Setup(session.getId(), session.getUrl(), customerId);
    } catch (StripeException e) {
      throw new IllegalStateException(
          "CREDITS-0315 Stripe refused the payment method setup of "
              + owner
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public SavedPaymentMethod finishSetup(String reference) {
    try {
      Session session =
          client
              .checkout()
              .sessions()
              .retrieve(
                  reference,
                  SessionRetrieveParams.builder().addExpand("setup_intent").build(),
                  (RequestOptions) null);
      SetupIntent intent = session.getSetupIntentObject();
      if (!"complete".equals(session.getStatus())
          || intent == null
          || !"succeeded".equals(intent.getStatus())
          || intent.getPaymentMethod() == null
          || session.getCustomer() == null) {
        throw new IllegalArgumentException(
            "the setup session " + reference + " is not complete (" + session.getStatus() + ")");
      }
      return new SavedPaymentMethod(NAME, session.getCustomer(), intent.getPaymentMethod());
    } catch (StripeException e) {
      throw new IllegalArgumentException(
          "Stripe does not know the setup session " + reference + ": " + e.getMessage(), e);
    }
  }

  @Override
  public PaymentOutcome chargeOffSession(PaymentOrder order, SavedPaymentMethod method) {
    String purchase = order.purchase().toString();
    try {
      PaymentIntent intent =
          client
              .paymentIntents()
              .create(
                  PaymentIntentCreateParams.builder()
                      .setAmount(minorUnits(order.amount()))
                      .setCurrency(currency(order.amount()))
                      .setCustomer(method.customer())
                      .setPaymentMethod(method.paymentMethod())
                      .setOffSession(true)
                      .setConfirm(true)
                      .setDescription(order.description())
                      .putMetadata(PURCHASE_METADATA, purchase)
                      .build(),
                  options("credits4j-" + order.idempotencyKey()));
      return switch (intent.getStatus()) {
        case "succeeded" -> PaymentOutcome.succeeded(intent.getId());
        case "processing" -> PaymentOutcome.pending(intent.getId(), null);
        default ->
            PaymentOutcome.failed(
                "Stripe payment intent " + intent.getId() + " is " + intent.getStatus());
      };
    } catch (CardException e) {
      return PaymentOutcome.failed(
          "declined ("
              + (e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode())
              + "): "
              + (e.getStripeError() != null ? e.getStripeError().getMessage() : e.getMessage()));
    } catch (StripeException e) {
      throw new IllegalStateException(
          "CREDITS-0316 Stripe refused the off-session payment of purchase "
              + purchase
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static RequestOptions options(String idempotencyKey) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }

  /** Stripe's lower-case ISO currency code. */
  static String currency(MonetaryAmount amount) {
    return amount.getCurrency().getCurrencyCode().toLowerCase(Locale.ROOT);
  }

  /** The amount in Stripe's minor units for its currency (see {@link StripeAmounts}), exactly. */
  static long minorUnits(MonetaryAmount amount) {
    return StripeAmounts.toStripe(amount);
  }
}
