package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import javax.money.MonetaryAmount;

/**
 * A new recurring allotment for an organization's wallet (see {@link Allotments#create}).
 *
 * @param credits credits granted every period; positive, within the workspace's credit scale
 * @param period how often
 * @param startDate the first period's first day, in the workspace's time zone; at most a year ago
 * @param endDate no period starting on or after this day is granted; null: until cancelled
 * @param costBasis money per credit of the granted lots; null: free (zero in the workspace
 *     currency)
 * @param unusedCredits what happens to a period's unused credits at its end; null: they expire
 * @param description shown on each period's entry (at most 200 characters); optional
 * @param actor who sets it up: a team member or the system
 * @param idempotencyKey optional; the same key on the same organization returns the first
 *     allotment, and with a different request is {@link ErrorCode#IDEMPOTENCY_CONFLICT}
 */
public record AllotmentRequest(
    WalletRef wallet,
    BigDecimal credits,
    AllotmentPeriod period,
    LocalDate startDate,
    LocalDate endDate,
    MonetaryAmount costBasis,
    UnusedCreditsRule unusedCredits,
    String description,
    Actor actor,
    String idempotencyKey) {

  public static Builder builder(
      WalletRef wallet,
      BigDecimal credits,
      AllotmentPeriod period,
      LocalDate startDate,
      Actor actor) {
    return new Builder(wallet, credits, period, startDate, actor);
  }

  /** Builds an {@link AllotmentRequest}; defaults: no end date, free, unused credits expire. */
  public static final class Builder {
    private final WalletRef wallet;
    private final BigDecimal credits;
    private final AllotmentPeriod period;
    private final LocalDate startDate;
    private final Actor actor;
    private LocalDate endDate;
    private MonetaryAmount costBasis;
    private UnusedCreditsRule unusedCredits;
    private String description;
    private String idempotencyKey;

    private Builder(
        WalletRef wallet,
        BigDecimal credits,
        AllotmentPeriod period,
        LocalDate startDate,
        Actor actor) {
      this.wallet = wallet;
      this.credits = credits;
      this.period = period;
      this.startDate = startDate;
      this.actor = actor;
    }

    public Builder endDate(LocalDate endDate) {
      this.endDate = endDate;
      return this;
    }

    public Builder costBasis(MonetaryAmount costBasis) {
      this.costBasis = costBasis;
      return this;
    }

    public Builder unusedCredits(UnusedCreditsRule unusedCredits) {
      this.unusedCredits = unusedCredits;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    public AllotmentRequest build() {
      return new AllotmentRequest(
          wallet,
          credits,
          period,
          startDate,
          endDate,
          costBasis,
          unusedCredits,
          description,
          actor,
          idempotencyKey);
    }
  }
}
