package dev.credits4j.purchase;

import dev.credits4j.spi.PaymentGateway;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A test gateway: answers what a test sets and records every call. */
final class RecordingGateway implements PaymentGateway {
  private final String name;
  final List<PaymentOrder> payments = new CopyOnWriteArrayList<>();
  final List<RefundOrder> refunds = new CopyOnWriteArrayList<>();
  volatile Function<PaymentOrder, PaymentOutcome> onPayment =
      o -> PaymentOutcome.succeeded("ch_" + o.purchase());
  volatile Function<RefundOrder, RefundOutcome> onRefund =
      o -> RefundOutcome.succeeded("re_" + o.refundId());

  RecordingGateway(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PaymentOutcome startPayment(PaymentOrder order) {
    payments.add(order);
    return onPayment.apply(order);
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    refunds.add(order);
    return onRefund.apply(order);
  }
}
