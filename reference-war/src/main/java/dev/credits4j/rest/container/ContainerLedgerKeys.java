package dev.credits4j.rest.container;

import dev.credits4j.api.LedgerKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ledger keys of tamper evidence (docs/ledger.md, "Tamper evidence") on an application server,
 * from a system property or the environment (see {@link ContainerSettings#read}):
 *
 * <ul>
 *   <li>{@code credits4j.ledger-keys} / {@code CREDITS4J_LEDGER_KEYS}: the keys themselves, {@code
 *       keyId:base64Key[,...]}, the first current;
 *   <li>{@code credits4j.ledger-keys-file} / {@code CREDITS4J_LEDGER_KEYS_FILE}: a file holding
 *       them (one per line), readable by the server's user only.
 * </ul>
 *
 * Neither: the SDK runs without keys (an unkeyed chain, nothing sealed) and logs warning
 * CREDITS-0011 at startup. Both, an unreadable file or malformed keys: deployment fails with
 * CREDITS-0930 naming the setting (never the key).
 */
@ApplicationScoped
public class ContainerLedgerKeys {
  static final String KEYS_PROPERTY = "credits4j.ledger-keys";
  static final String KEYS_FILE_PROPERTY = "credits4j.ledger-keys-file";

  private final LedgerKeys keys = from(System::getProperty, System::getenv);

  /** The SDK's ledger keys ({@link LedgerKeys#none()} when none are configured). */
  @Produces
  public LedgerKeys ledgerKeys() {
    return keys;
  }

  static LedgerKeys from(
      Function<String, String> properties, Function<String, String> environment) {
    Optional<String> text = ContainerSettings.read(properties, environment, KEYS_PROPERTY);
    Optional<String> file = ContainerSettings.read(properties, environment, KEYS_FILE_PROPERTY);
    if (text.isPresent() && file.isPresent()) {
      throw new IllegalArgumentException(
          "CREDITS-0930 set " + KEYS_PROPERTY + " or " + KEYS_FILE_PROPERTY + ", not both");
    }
    try {
      if (text.isPresent()) {
        return LedgerKeys.parse(text.get());
      }
      if (file.isPresent()) {
        return LedgerKeys.read(Path.of(file.get()));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CREDITS-0930 "
              + (text.isPresent() ? KEYS_PROPERTY : KEYS_FILE_PROPERTY)
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "CREDITS-0930 " + KEYS_FILE_PROPERTY + ": cannot read " + file.get(), e);
    }
    return LedgerKeys.none();
  }
}
