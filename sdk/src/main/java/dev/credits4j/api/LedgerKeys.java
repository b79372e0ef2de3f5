package dev.credits4j.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 keys of the ledger's tamper evidence (docs/ledger.md, "Tamper evidence"): entry
 * chain hashes, wallet heads, lots, purchases and checkpoints are keyed with the <em>current</em>
 * key and name its key id; rows made with an older key verify with that key, so keys can be rotated
 * by adding a new current key and keeping the old ones. The database never holds a key.
 *
 * <p>The text form (property {@code credits4j.ledger-keys}, env {@code CREDITS_LEDGER_KEYS}, or a
 * keys file) is a list of {@code keyId:base64Key} separated by commas or line breaks; the
 * <strong>first</strong> is the current key. Key ids are 1–32 characters {@code [A-Za-z0-9._-]};
 * keys are at least 32 bytes. Blank lines and lines starting with {@code #} (comments, which may
 * hold commas) are ignored.
 */
public final class LedgerKeys {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final int MIN_KEY_BYTES = 32;
  private static final LedgerKeys NONE = new LedgerKeys(null, Map.of());

  private final String currentKeyId;
  private final Map<String, SecretKeySpec> keys;

  private LedgerKeys(String currentKeyId, Map<String, SecretKeySpec> keys) {
    this.currentKeyId = currentKeyId;
    this.keys = keys;
  }

  /** No keys: the ledger keeps an unkeyed SHA-256 chain and seals nothing (not tamper-evident). */
  public static LedgerKeys none() {
    return NONE;
  }

  /** Starts a key ring whose current key is {@code keyId}. */
  public static Builder current(String keyId, byte[] key) {
    return new Builder().add(keyId, key);
  }

  /**
   * Parses the text form; the first key is the current one.
   *
   * @throws IllegalArgumentException naming the bad item (never the key material) when malformed
   */
  public static LedgerKeys parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("ledger keys: no key given");
    }
    Builder b = new Builder();
    int n = 0;
    for (String raw :
        text.lines()
            .filter(l -> !l.strip().startsWith("#"))
            .flatMap(l -> java.util.Arrays.stream(l.split(",")))
            .toList()) {
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      n++;
      int colon = item.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("ledger keys: item " + n + " is not keyId:base64Key");
      }
      String id = item.substring(0, colon).strip();
      byte[] key;
      try {
        key = Base64.getDecoder().decode(item.substring(colon + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ledger keys: the key of '" + id + "' is not base64", e);
      }
      b.add(id, key);
    }
    return b.build();
  }

  /** Reads the text form from a file (see {@link #parse}). */
  public static LedgerKeys read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** A new random key's text form, {@code keyId:base64Key}, for a keys file. */
  public static String generate(String keyId) {
    requireKeyId(keyId);
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return keyId + ":" + Base64.getEncoder().encodeToString(key);
  }

  /** Whether any key is configured; without one nothing is keyed or sealed. */
  public boolean configured() {
    return currentKeyId != null;
  }

  /** The id of the key new rows are keyed with; empty when {@linkplain #configured none}. */
  public Optional<String> currentKeyId() {
    return Optional.ofNullable(currentKeyId);
  }

  /** Every key id this ring can verify. */
  public Set<String> keyIds() {
    return Collections.unmodifiableSet(keys.keySet());
  }

  /** Whether rows keyed with {@code keyId} can be verified. */
  public boolean knows(String keyId) {
    return keyId != null && keys.containsKey(keyId);
  }

  /**
   * HMAC-SHA256 of {@code message} with key {@code keyId}, lower-case hex.
   *
   * @throws IllegalStateException if the key id is unknown
   */
  public String mac(String keyId, String message) {
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException("CREDITS-0011 no ledger key with id '" + keyId + "'");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return configured()
        ? "LedgerKeys[current=" + currentKeyId + ", ids=" + keys.keySet() + "]"
        : "LedgerKeys[none]";
  }

  private static void requireKeyId(String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException(
          "ledger keys: key id '" + keyId + "' must be 1-32 characters of [A-Za-z0-9._-]");
    }
  }

  /** Builds a key ring; the first key added is the current one. */
  public static final class Builder {
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private String current;

    private Builder() {}

    /** Adds a key; the first one added is current, the others verify older rows. */
    public Builder add(String keyId, byte[] key) {
      requireKeyId(keyId);
      if (key == null || key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "ledger keys: key '" + keyId + "' must be at least " + MIN_KEY_BYTES + " bytes");
      }
      if (keys.containsKey(keyId)) {
        throw new IllegalArgumentException("ledger keys: key id '" + keyId + "' given twice");
      }
      keys.put(keyId, new SecretKeySpec(key.clone(), "HmacSHA256"));
      if (current == null) {
        current = keyId;
      }
      return this;
    }

    public LedgerKeys build() {
      if (current == null) {
        throw new IllegalArgumentException("ledger keys: no key given");
      }
      return new LedgerKeys(current, Collections.unmodifiableMap(new LinkedHashMap<>(keys)));
    }
  }
}
