package dev.credits4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How every context answers an idempotency key, on a store kept in a map. */
class IdempotencyKeysTest {

  /** A stored first request: what it asked for, and its result. */
  private record Stored(String operation, BigDecimal credits, String result) {}

  /** A store whose records hold their request's fields, fingerprinted again when compared. */
  private static final class MapKeys implements IdempotencyKeys<Stored> {
    final Map<String, Stored> rows = new HashMap<>();
    int lookups;

    static String fingerprint(String operation, BigDecimal credits) {
      return Fingerprint.of(operation).add(credits).hex();
    }

    @Override
    public Stored find(EntityManager em, String scope, String key) {
      lookups++;
      return rows.get(scope + "/" + key);
    }

    @Override
    public String fingerprint(Stored s) {
      return fingerprint(s.operation(), s.credits());
    }

    @Override
    public String operation(Stored s) {
      return s.operation();
    }

    @Override
    public String where() {
      return "on this wallet";
    }
  }

  @Test
  void theSameRequestReplaysItsFirstResultAndNoKeyLooksNothingUp() {
    MapKeys keys = new MapKeys();
    keys.rows.put("w1/k", new Stored("refund", new BigDecimal("40.0000"), "r1"));

    assertThat(keys.replay(null, "w1", "k", MapKeys.fingerprint("refund", new BigDecimal("40"))))
        .map(Stored::result)
        .contains("r1");
    assertThat(keys.replay(null, "w2", "k", MapKeys.fingerprint("refund", BigDecimal.TEN)))
        .as("a key is unique only within its scope")
        .isEmpty();
    int before = keys.lookups;
    assertThat(keys.replay(null, "w1", null, "anything")).isEmpty();
    assertThat(keys.lookups).as("no key: no lookup").isEqualTo(before);
    assertThat(keys.replay((Stored) null, "k", "anything")).isEmpty();
  }

  @Test
  void anotherRequestUnderTheKeyIsTheOneConflictError() {
    MapKeys keys = new MapKeys();
    keys.rows.put("w1/k", new Stored("refund", new BigDecimal("40"), "r1"));

    for (String other :
        new String[] {
          MapKeys.fingerprint("refund", new BigDecimal("41")),
          MapKeys.fingerprint("refund", null),
          MapKeys.fingerprint("consume", new BigDecimal("40"))
        }) {
      assertThatThrownBy(() -> keys.replay(null, "w1", "k", other))
          .isInstanceOfSatisfying(
              CreditsException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "idempotency key 'k' was already used on this wallet for a different"
                            + " request (refund)");
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("idempotencyKey");
              });
    }
    CreditsException made = IdempotencyKeys.conflict("k", "on this wallet", "refund");
    assertThat(made.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(made.getMessage())
        .isEqualTo(
            "idempotency key 'k' was already used on this wallet for a different request"
                + " (refund)");
  }
}
