package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.LedgerKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLedgerKeysTest {
  private static final String K1 = LedgerKeys.generate("k1");
  private static final String K2 = LedgerKeys.generate("k2");

  private static LedgerKeys keys(Map<String, String> props, Map<String, String> env) {
    return ContainerLedgerKeys.from(props::get, env::get);
  }

  @Test
  void noneConfiguredRunsWithoutKeys() {
    assertThat(keys(Map.of(), Map.of()).configured()).isFalse();
  }

  @Test
  void thePropertyOrTheEnvironmentGivesTheKeysTheFirstCurrent() {
    LedgerKeys fromProperty = keys(Map.of("credits4j.ledger-keys", K2 + "," + K1), Map.of());
    assertThat(fromProperty.currentKeyId()).contains("k2");
    assertThat(fromProperty.keyIds()).containsExactly("k2", "k1");
    assertThat(keys(Map.of(), Map.of("CREDITS4J_LEDGER_KEYS", K1)).currentKeyId()).contains("k1");
  }

  @Test
  void aKeysFileIsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ledger-keys");
    Files.writeString(file, "# rotated 2026-12\n" + K2 + "\n" + K1 + "\n");
    LedgerKeys k = keys(Map.of("credits4j.ledger-keys-file", file.toString()), Map.of());
    assertThat(k.currentKeyId()).contains("k2");
    assertThat(k.knows("k1")).isTrue();
  }

  @Test
  void badSettingsFailNamingTheSettingNotTheKey(@TempDir Path dir) {
    assertThatThrownBy(() -> keys(Map.of("credits4j.ledger-keys", "k1:c2hvcnQ="), Map.of()))
        .hasMessageContaining("CREDITS-0930 credits4j.ledger-keys")
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("c2hvcnQ");
    assertThatThrownBy(
            () ->
                keys(
                    Map.of("credits4j.ledger-keys", K1, "credits4j.ledger-keys-file", "/x"),
                    Map.of()))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                keys(
                    Map.of("credits4j.ledger-keys-file", dir.resolve("missing").toString()),
                    Map.of()))
        .hasMessageContaining("CREDITS-0930 credits4j.ledger-keys-file: cannot read");
  }
}
