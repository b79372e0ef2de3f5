package dev.credits4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.CreditsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  @ParameterizedTest
  @ValueSource(strings = {"ac\rme", "ac\nme", "ac\tme", "ac\u001bme", "ac\u0085me", "ac\u007fme"})
  void organizationIdsRefuseControlCharacters(String org) {
    assertThatThrownBy(() -> Checks.requiredText("wallet.organization", org, 128))
        .isInstanceOfSatisfying(
            CreditsException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("wallet.organization"));
    assertThatThrownBy(() -> Checks.requiredText("workspace", org, 64))
        .isInstanceOf(CreditsException.class);
    assertThatThrownBy(() -> Checks.idempotencyKey(org)).isInstanceOf(CreditsException.class);
  }

  @Test
  void descriptionsMayHoldLineBreaksButNoLoneSurrogate() {
    assertThat(Checks.optionalText("description", "line one\nline two", 100))
        .isEqualTo("line one\nline two");
    assertThat(Checks.optionalText("description", "emoji \ud83d\ude00", 100))
        .isEqualTo("emoji \ud83d\ude00");
    for (String bad : new String[] {"a\ud800b", "a\udc00", "\ud83d"}) {
      assertThatThrownBy(() -> Checks.optionalText("description", bad, 100))
          .isInstanceOf(CreditsException.class)
          .hasMessageContaining("surrogate");
    }
  }
}
