package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.LedgerKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerKeySettingsTest {
  @TempDir Path dir;

  @Test
  void withoutSettingsADemoKeysFileIsGeneratedOwnerOnlyAndReused() throws Exception {
    Path file = dir.resolve("data").resolve("ledger-keys");
    LedgerKeySettings first = LedgerKeySettings.from(Map.of(), file);
    assertThat(first.keys().currentKeyId()).contains("k1");
    assertThat(first.source()).contains("generated now");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String text = Files.readString(file);
    LedgerKeySettings second = LedgerKeySettings.from(Map.of(), file);
    assertThat(second.source()).contains("generated earlier");
    assertThat(Files.readString(file)).isEqualTo(text);
    assertThat(second.checkpointFile()).isNull();
  }

  @Test
  void theEnvironmentGivesKeysOrAKeysFileAndTheCheckpointFile() throws Exception {
    String k2 = LedgerKeys.generate("k2");
    LedgerKeySettings s =
        LedgerKeySettings.from(
            Map.of("CREDITS_LEDGER_KEYS", k2, "CREDITS_CHECKPOINT_FILE", "/var/cp"),
            dir.resolve("unused"));
    assertThat(s.keys().currentKeyId()).contains("k2");
    assertThat(s.checkpointFile()).isEqualTo(Path.of("/var/cp"));
    assertThat(s.source()).isEqualTo("CREDITS_LEDGER_KEYS").doesNotContain(k2);
    assertThat(dir.resolve("unused")).doesNotExist();

    Path file = dir.resolve("keys");
    Files.writeString(file, LedgerKeys.generate("k3") + "\n" + k2 + "\n");
    assertThat(
            LedgerKeySettings.from(Map.of("CREDITS_LEDGER_KEYS_FILE", file.toString()), dir)
                .keys()
                .keyIds())
        .containsExactly("k3", "k2");
  }

  @Test
  void badSettingsStopTheStartWithAClearMessage() {
    assertThatThrownBy(
            () ->
                LedgerKeySettings.from(
                    Map.of("CREDITS_LEDGER_KEYS", "k1:c2hvcnQ=", "CREDITS_LEDGER_KEYS_FILE", "/x"),
                    dir))
        .hasMessageContaining("CREDITS-0830")
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () -> LedgerKeySettings.from(Map.of("CREDITS_LEDGER_KEYS", "k1:c2hvcnQ="), dir))
        .hasMessageContaining("CREDITS-0830 CREDITS_LEDGER_KEYS")
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(
            () ->
                LedgerKeySettings.from(
                    Map.of("CREDITS_LEDGER_KEYS_FILE", dir.resolve("missing").toString()), dir))
        .hasMessageContaining("CREDITS-0830 cannot read the ledger keys");
  }
}
