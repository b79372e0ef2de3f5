package dev.credits4j.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 fingerprint of a request's meaningful fields, so that a replayed idempotency key can be
 * told apart from the same key reused for a different request.
 */
public final class Fingerprint {
  private final StringBuilder text = new StringBuilder(128);

  private Fingerprint(String operation) {
    add(operation);
  }

  public static Fingerprint of(String operation) {
    return new Fingerprint(operation);
  }

  public Fingerprint add(Object value) {
    String s =
        value == null
            ? null
            : value instanceof BigDecimal d
                ? d.stripTrailingZeros().toPlainString()
                : value.toString();
    if (s == null) {
      text.append("-1:|");
    } else {
      text.append(s.length()).append(':').append(s).append('|');
    }
    return this;
  }

  public String hex() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
