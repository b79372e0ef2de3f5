package dev.credits4j.samples.standalone;

import dev.credits4j.api.LedgerKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The standalone server's ledger keys (docs/ledger.md, "Tamper evidence") and checkpoint file:
 *
 * <ul>
 *   <li>{@code CREDITS_LEDGER_KEYS}: the keys, {@code keyId:base64Key[,...]}, the first current;
 *   <li>{@code CREDITS_LEDGER_KEYS_FILE}: else a file holding them, one per line (it must exist);
 *   <li>neither: {@code data/ledger-keys}, created on the first start with one random key and
 *       owner-only permissions (rw-------), and reused after. Fine for the demo; in production keep
 *       the keys off the database host and back them up: without them the ledger cannot be verified
 *       or written.
 *   <li>{@code CREDITS_CHECKPOINT_FILE}: where the scheduler writes a signed checkpoint of every
 *       wallet head each jobs interval; unset: no checkpoints.
 * </ul>
 *
 * @param keys the keys
 * @param source where they came from, for the banner (never the keys themselves)
 * @param checkpointFile where checkpoints go; null for none
 */
public record LedgerKeySettings(LedgerKeys keys, String source, Path checkpointFile) {
  /** The generated demo keys file, beside the embedded database. */
  public static final Path DEMO_KEYS_FILE = Path.of("data", "ledger-keys");

  /** The settings from the process environment. */
  public static LedgerKeySettings fromEnvironment() {
    return from(System.getenv(), DEMO_KEYS_FILE);
  }

  /** From {@code env}; {@code generated} is the keys file made when none is configured. */
  static LedgerKeySettings from(Map<String, String> env, Path generated) {
    String text = blankToNull(env.get("CREDITS_LEDGER_KEYS"));
    String file = blankToNull(env.get("CREDITS_LEDGER_KEYS_FILE"));
    String checkpoint = blankToNull(env.get("CREDITS_CHECKPOINT_FILE"));
    Path checkpointFile = checkpoint == null ? null : Path.of(checkpoint);
    if (text != null && file != null) {
      throw new IllegalArgumentException(
          "CREDITS-0830 set CREDITS_LEDGER_KEYS or CREDITS_LEDGER_KEYS_FILE, not both");
    }
    try {
      if (text != null) {
        return new LedgerKeySettings(LedgerKeys.parse(text), "CREDITS_LEDGER_KEYS", checkpointFile);
      }
      if (file != null) {
        return new LedgerKeySettings(
            LedgerKeys.read(Path.of(file)), file + " (CREDITS_LEDGER_KEYS_FILE)", checkpointFile);
      }
      boolean created = generate(generated);
      return new LedgerKeySettings(
          LedgerKeys.read(generated),
          generated + (created ? " (generated now: back it up)" : " (generated earlier)"),
          checkpointFile);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CREDITS-0830 "
              + (text != null ? "CREDITS_LEDGER_KEYS" : file != null ? file : generated)
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "CREDITS-0830 cannot read the ledger keys " + (file != null ? file : generated), e);
    }
  }

  /** Creates the keys file with one random key, owner-only; false if it exists already. */
  static boolean generate(Path file) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    try {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      return false; // another process made it first
    }
    Files.writeString(
        file,
        "# credits4j ledger keys: keyId:base64Key, the first is current. Keep secret, back up.\n"
            + LedgerKeys.generate("k1")
            + "\n",
        StandardCharsets.UTF_8);
    return true;
  }

  /** No keys and no checkpoints (tests that do not look at tamper evidence). */
  public static LedgerKeySettings none() {
    return new LedgerKeySettings(LedgerKeys.none(), "none", null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
