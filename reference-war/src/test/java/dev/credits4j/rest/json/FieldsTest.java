package dev.credits4j.rest.json;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {

  private static JsonObject json(String text) {
    return RequestBodies.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Presence.REQUIRED);
  }

  private static List<String> faults(Runnable r) {
    CreditsException e = catchThrowableOfType(CreditsException.class, r::run);
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    return e.violations().stream().map(FieldViolation::field).toList();
  }

  @Test
  void readsEveryKindOfField() {
    Fields f =
        Fields.of(
            json(
                "{\"c\":12.5,\"r\":\"BONUS\",\"t\":\"2026-01-02T03:04:05Z\",\"d\":\"PT2H\","
                    + "\"m\":{\"amount\":\"449.00\",\"currency\":\"USD\"},\"b\":false,\"i\":7,"
                    + "\"s\":\"text\",\"w\":[30,7]}"),
            "c",
            "r",
            "t",
            "d",
            "m",
            "b",
            "i",
            "s",
            "w");
    assertThat(f.credits("c", REQUIRED)).isEqualByComparingTo("12.5");
    assertThat(f.enumValue("r", ReasonCode.class, REQUIRED)).isEqualTo(ReasonCode.BONUS);
    assertThat(f.instant("t", REQUIRED)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(f.duration("d", REQUIRED)).isEqualTo(Duration.ofHours(2));
    MonetaryAmount m = f.money("m", REQUIRED, -1);
    assertThat(m.getNumber().numberValue(BigDecimal.class)).isEqualByComparingTo("449");
    assertThat(m.getCurrency().getCurrencyCode()).isEqualTo("USD");
    assertThat(f.boolOr("b", true)).isFalse();
    assertThat(f.integer("i", REQUIRED, 0, 10)).isEqualTo(7);
    assertThat(f.string("s", REQUIRED, 10)).isEqualTo("text");
    assertThat(f.integers("w", REQUIRED, 1, 100)).containsExactly(30, 7);
    assertThat(f.credits("absent", OPTIONAL)).isNull();
    f.check();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "-1", "0.00001", "1000000000001", "1e13", "\"5\"", "true", "null", "[]"})
  void refusesBadCreditAmounts(String value) {
    assertThat(
            faults(
                () -> {
                  Fields f = Fields.of(json("{\"credits\":" + value + "}"), "credits");
                  f.credits("credits", REQUIRED);
                  f.check();
                }))
        .containsExactly("credits");
  }

  @Test
  void namesEveryBadFieldAtOnce() {
    assertThat(
            faults(
                () -> {
                  Fields f =
                      Fields.of(
                          json(
                              "{\"x\":1,\"r\":\"NOPE\",\"t\":\"soon\",\"m\":{\"amount\":\"1.001\","
                                  + "\"currency\":\"USD\",\"y\":2},\"i\":1.5,\"s\":\"\"}"),
                          "r",
                          "t",
                          "m",
                          "i",
                          "s",
                          "missing");
                  f.enumValue("r", ReasonCode.class, REQUIRED);
                  f.instant("t", REQUIRED);
                  f.money("m", REQUIRED, -1);
                  f.integer("i", REQUIRED, 0, 10);
                  f.string("s", REQUIRED, 10);
                  f.credits("missing", REQUIRED);
                  f.check();
                }))
        .containsExactlyInAnyOrder("x", "r", "t", "m.y", "m.amount", "i", "s", "missing");
  }

  @Test
  void moneyChecksCurrencyAndScale() {
    assertThat(
            faults(
                () -> {
                  Fields f =
                      Fields.of(
                          json(
                              "{\"a\":{\"amount\":\"1\",\"currency\":\"usd\"},"
                                  + "\"b\":{\"amount\":\"x\",\"currency\":\"USD\"},"
                                  + "\"c\":{\"amount\":\"-1\",\"currency\":\"USD\"},"
                                  + "\"d\":\"10 USD\"}"),
                          "a",
                          "b",
                          "c",
                          "d");
                  f.money("a", REQUIRED, -1);
                  f.money("b", REQUIRED, -1);
                  f.money("c", REQUIRED, -1);
                  f.money("d", REQUIRED, -1);
                  f.check();
                }))
        .containsExactlyInAnyOrder("a.currency", "b.amount", "c.amount", "d");
  }

  @Test
  void anExplicitNullIsAFaultNamingTheFieldNotAnAbsentField() {
    assertThat(
            faults(
                () -> {
                  Fields f =
                      Fields.of(
                          json("{\"credits\":null,\"o\":null,\"b\":null,\"s\":null}"),
                          "credits",
                          "o",
                          "b",
                          "s");
                  f.credits("credits", OPTIONAL);
                  f.object("o", "x");
                  f.boolOr("b", false);
                  f.string("s", OPTIONAL, 10);
                  f.check();
                }))
        .containsExactlyInAnyOrder("credits", "o", "b", "s");
  }

  @Test
  void nestedObjectsAreReadWithTheirFieldsNamedByPath() {
    Fields f = Fields.of(json("{\"o\":{\"x\":true,\"n\":3}}"), "o", "gone");
    Fields o = f.object("o", "x", "n");
    assertThat(o.boolOr("x", false)).isTrue();
    assertThat(o.integer("n", REQUIRED, 1, 5)).isEqualTo(3);
    assertThat(f.object("absent", "x")).isNull();
    f.check();

    assertThat(
            faults(
                () -> {
                  Fields g =
                      Fields.of(json("{\"o\":{\"x\":1,\"n\":9,\"extra\":0},\"p\":[1]}"), "o", "p");
                  Fields inner = g.object("o", "x", "n");
                  inner.boolOr("x", false);
                  inner.integer("n", REQUIRED, 1, 5);
                  assertThat(g.object("p", "x")).isNull();
                  g.check();
                }))
        .containsExactlyInAnyOrder("o.extra", "o.x", "o.n", "p");
  }

  @Test
  void bodiesMustBeOneJsonObjectWithinTheLimit() {
    for (String bad : List.of("", "   ", "[]", "1", "{", "{} {}", "{\"a\":}")) {
      ApiException e = catchThrowableOfType(ApiException.class, () -> json(bad));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.error()).as(bad).isEqualTo(ApiError.MALFORMED_BODY);
    }
    String big = "{\"a\":\"" + "x".repeat(RequestBodies.MAX_BYTES) + "\"}";
    assertThat(catchThrowableOfType(ApiException.class, () -> json(big)).error())
        .isEqualTo(ApiError.PAYLOAD_TOO_LARGE);
    assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[0]), Presence.OPTIONAL))
        .isEmpty();
    byte[] latin1 = "{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(
            catchThrowableOfType(
                    ApiException.class,
                    () -> RequestBodies.read(new ByteArrayInputStream(latin1), Presence.REQUIRED))
                .error())
        .isEqualTo(ApiError.MALFORMED_BODY);
  }
}
