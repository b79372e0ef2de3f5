package dev.credits4j.rest.dto;

import dev.credits4j.api.AutoTopUpAttemptView;
import dev.credits4j.api.AutoTopUpView;
import dev.credits4j.api.PaymentMethodSetup;
import dev.credits4j.api.SavedPaymentMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An organization's auto top-up rule as it is now: {@code packageId} or {@code targetBalance}
 * (exactly one), {@code pausedReason} only while PAUSED, {@code paymentMethod} once one is saved.
 */
public record AutoTopUpResponse(
    String organization,
    BigDecimal threshold,
    String packageId,
    BigDecimal targetBalance,
    int maxPerDay,
    String gateway,
    int maxDeclines,
    String status,
    int consecutiveDeclines,
    String pausedReason,
    PaymentMethod paymentMethod,
    ActorDto changedBy,
    Instant createdAt,
    Instant updatedAt) {

  /** A payment method saved with a gateway: identifiers only, never card data. */
  public record PaymentMethod(String gateway, String customer, String paymentMethod) {}

  /** A run of the auto top-up job: the attempts it started or settled. */
  public record Run(int attempts) {}

  /** A started payment method setup: the client opens {@code url}. */
  public record Setup(String gateway, String reference, String url) {}

  /**
   * One auto top-up attempt: what triggered it, and what became of it ({@code detail}: why it was
   * skipped or failed, e.g. the decline, or the gateway's reference).
   */
  public record Attempt(
      String id,
      String organization,
      Instant triggeredAt,
      String entryId,
      BigDecimal available,
      LocalDate day,
      String status,
      String gateway,
      String packageId,
      String purchaseId,
      String detail,
      Instant createdAt,
      Instant finishedAt) {}

  public static AutoTopUpResponse of(AutoTopUpView v) {
    SavedPaymentMethod m = v.paymentMethod();
    return new AutoTopUpResponse(
        v.wallet().organization(),
        Dtos.credits(v.threshold()),
        v.packageId() == null ? null : v.packageId().toString(),
        Dtos.credits(v.targetBalance()),
        v.maxPerDay(),
        v.gateway(),
        v.maxDeclines(),
        v.status().name(),
        v.consecutiveDeclines(),
        v.pausedReason(),
        m == null ? null : new PaymentMethod(m.gateway(), m.customer(), m.paymentMethod()),
        Dtos.actor(v.changedBy()),
        v.createdAt(),
        v.updatedAt());
  }

  public static Attempt attempt(AutoTopUpAttemptView a) {
    return new Attempt(
        a.id(),
        a.wallet().organization(),
        a.triggeredAt(),
        /* entryId= */ a.entry() == null ? null : a.entry().toString(),
        Dtos.credits(a.available()),
        a.day(),
        a.status().name(),
        a.gateway(),
        a.packageId() == null ? null : a.packageId().toString(),
        /* purchaseId= */ a.purchase() == null ? null : a.purchase().toString(),
        a.detail(),
        a.createdAt(),
        a.finishedAt());
  }

  public static Setup setup(PaymentMethodSetup s) {
    return new Setup(s.gateway(), s.reference(), s.url());
  }
}
