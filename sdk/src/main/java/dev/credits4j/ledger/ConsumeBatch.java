package dev.credits4j.ledger;

import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link CreditLedger#consumeBatch}: the requests checked as a whole first (nothing runs if the
 * batch itself is bad), then each one {@link CreditLedger#consume}d on its own, in order, in its
 * own transaction. A refusal ({@link CreditsException}) is that request's answer and the next one
 * runs; anything else (the database lost, say) propagates, leaving the requests before it
 * committed: run the batch again with the same keys and those replay.
 */
final class ConsumeBatch {
  private ConsumeBatch() {}

  static List<ConsumeOutcome> run(CreditLedger ledger, List<ConsumeRequest> requests) {
    check(requests);
    List<ConsumeOutcome> outcomes = new ArrayList<>(requests.size());
    for (ConsumeRequest r : requests) {
      try {
        if (r.idempotencyKey() == null) {
          throw new CreditsException(
              ErrorCode.INVALID_REQUEST,
              "idempotencyKey is required in a batch, so that the batch can be replayed",
              List.of(new FieldViolation("idempotencyKey", "is required in a batch")));
        }
        outcomes.add(ConsumeOutcome.consumed(ledger.consume(r)));
      } catch (CreditsException e) {
        outcomes.add(ConsumeOutcome.refused(e));
      }
    }
    return List.copyOf(outcomes);
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
