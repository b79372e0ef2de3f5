package dev.credits4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MicrosTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0001-01-01T00:00:00Z",
        "1600-01-01T00:00:00Z",
        "1677-09-21T00:12:43.145224Z",
        "1969-12-31T23:59:59.999999Z",
        "1970-01-01T00:00:00Z",
        "2026-12-05T10:15:30.123456Z",
        "2262-04-11T23:47:16.854776Z",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59.999999Z"
      })
  void instantsOfYears1To9999RoundTripExactly(String text) {
    Instant instant = Instant.parse(text);
    Long micros = Micros.of(instant);
    assertThat(Micros.toInstant(micros)).isEqualTo(instant);
    assertThat(micros).isEqualTo(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1969-12-31T23:59:59.9999999Z", "2026-01-01T00:00:00.0000001Z"})
  void nanosBelowAMicrosecondAreDroppedTowardsThePast(String text) {
    Instant instant = Instant.parse(text);
    assertThat(Micros.toInstant(Micros.of(instant))).isEqualTo(Micros.truncate(instant));
  }
}
