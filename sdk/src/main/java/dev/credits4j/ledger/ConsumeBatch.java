package dev.credits4j.ledger;

import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link CreditLedger#consumeBatch}: the requests checked as a whole first (nothing runs if the
 * batch itself is bad), then each one {@link CreditLedger#consume}d on its own, in order, in its
 * own transaction, or, with coalescing on, up to the coalescing batch size together in one. A
 * refusal ({@link CreditsException}) is that request's answer and the next one runs; anything else
 * (the database lost, say) propagates, leaving the requests before it committed: run the batch
 * again with the same keys and those replay.
 */
final class ConsumeBatch {
  private ConsumeBatch() {}

  static List<ConsumeOutcome> run(CreditLedger ledger, List<ConsumeRequest> requests) {
    check(requests);
    List<ConsumeOutcome> outcomes = new ArrayList<>(requests.size());
    for (ConsumeRequest r : requests) {
      try {
        if (r.idempotencyKey() == null) {
          throw keyRequired();
        }
        outcomes.add(ConsumeOutcome.consumed(ledger.consume(r)));
      } catch (CreditsException e) {
        outcomes.add(ConsumeOutcome.refused(e));
      }
    }
    return List.copyOf(outcomes);
  }

  /**
   * The same answers, with the requests run together: each request is checked ({@code checked}; a
   * refusal there is its answer), then the checked requests, in order and at most {@code maxBatch}
   * at a time, go to {@code together} (one transaction for them, whichever wallets they go to),
   * which answers each in order. A failure other than a refusal propagates as it does one by one;
   * the requests of its run were answered and may have committed (replay the batch with the same
   * keys).
   */
  static List<ConsumeOutcome> run(
      List<ConsumeRequest> requests,
      int maxBatch,
      Function<ConsumeRequest, CoalescedConsumes.Debit> checked,
      Function<List<CoalescedConsumes.Debit>, List<CoalescedConsumes.Outcome>> together) {
    check(requests);
    ConsumeOutcome[] outcomes = new ConsumeOutcome[requests.size()];
    List<CoalescedConsumes.Debit> run = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i <= requests.size(); i++) {
      CoalescedConsumes.Debit d = null;
      if (i < requests.size()) {
        ConsumeRequest r = requests.get(i);
        try {
          if (r.idempotencyKey() == null) {
            throw keyRequired();
          }
          d = checked.apply(r);
        } catch (CreditsException e) {
          outcomes[i] = ConsumeOutcome.refused(e);
        }
      }
      boolean ends = i == requests.size() || d != null && run.size() >= maxBatch;
      if (ends && !run.isEmpty()) {
        List<CoalescedConsumes.Outcome> answered = together.apply(run);
        for (int j = 0; j < run.size(); j++) {
          CoalescedConsumes.Outcome o = answered.get(j);
          if (o.failure() == null) {
            outcomes[positions.get(j)] = ConsumeOutcome.consumed(o.entry());
          } else if (o.failure() instanceof CreditsException e) {
            outcomes[positions.get(j)] = ConsumeOutcome.refused(e);
          } else {
            throw o.failure();
          }
        }
        run.clear();
        positions.clear();
      }
      if (d != null) {
        run.add(d);
        positions.add(i);
      }
    }
    return List.of(outcomes);
  }

  private static CreditsException keyRequired() {
    return new CreditsException(
        ErrorCode.INVALID_REQUEST,
        "idempotencyKey is required in a batch, so that the batch can be replayed",
        List.of(new FieldViolation("idempotencyKey", "is required in a batch")));
  }

  private static void check(List<ConsumeRequest> requests) {
    if (requests == null) {
      throw invalid("requests", "is required");
    }
    if (requests.isEmpty() || requests.size() > CreditLedger.MAX_BATCH) {
      throw invalid(
          "requests",
          "must hold 1 to " + CreditLedger.MAX_BATCH + " requests, held " + requests.size());
    }
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i) == null) {
        throw invalid("requests[" + i + "]", "is required");
      }
    }
  }

  private static CreditsException invalid(String field, String problem) {
    return new CreditsException(
        ErrorCode.INVALID_REQUEST,
        field + " " + problem + "; nothing was consumed",
        List.of(new FieldViolation(field, problem)));
  }
}
