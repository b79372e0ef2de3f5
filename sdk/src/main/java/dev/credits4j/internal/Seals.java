package dev.credits4j.internal;

import dev.credits4j.api.LedgerKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Canonical encoding and keyed seals of the ledger's tamper evidence. Every field is
 * length-prefixed (null distinct from empty), decimals are written without trailing zeros so a
 * value reads back alike from every database, and each kind of row has its own domain prefix so a
 * seal of one kind never verifies as another.
 */
public final class Seals {
  private Seals() {}

  /** A canonical message: the domain, then each field length-prefixed. */
  public static String message(String domain, Object... fields) {
    StringBuilder b = new StringBuilder(256);
    field(b, domain);
    for (Object f : fields) {
      field(b, canonical(f));
    }
    return b.toString();
  }

  /** Appends one length-prefixed field. */
  public static void field(StringBuilder b, String value) {
    if (value == null) {
      b.append("-1:");
    } else {
      b.append(value.length()).append(':').append(value);
    }
    b.append('|');
  }

  static String canonical(Object f) {
    if (f == null) {
      return null;
    }
    if (f instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (f instanceof Number n) {
      return canonical(new BigDecimal(n.toString()));
    }
    if (f instanceof Enum<?> e) {
      return e.name();
    }
    return f.toString();
  }

  /**
   * What a purchase's seal covers: its immutable columns id, workspace, wallet, package, credits,
   * bonus credits, price, currency, cost basis, expiry days, created-by type and id, idempotency
   * key and created at. Not the status, payment, refund, lot or entry columns, which change later.
   */
  public static String purchaseMessage(
      Object id,
      Object workspaceKey,
      Object walletId,
      Object packageId,
      Object credits,
      Object bonusCredits,
      Object price,
      Object currency,
      Object costBasis,
      Object expiryDays,
      Object createdByType,
      Object createdById,
      Object idempotencyKey,
      Object createdAt) {
    return message(
        "purchase",
        id,
        workspaceKey,
        walletId,
        packageId,
        credits,
        bonusCredits,
        price,
        currency,
        costBasis,
        expiryDays,
        createdByType,
        createdById,
        idempotencyKey,
        createdAt);
  }

  /** HMAC of the message with the key's id in it, so a seal names (and binds) its key. */
  public static String seal(LedgerKeys keys, String keyId, String message) {
    return keys.mac(keyId, keyId + "|" + message);
  }

  /** Unkeyed SHA-256 (the chain of entries written without keys). */
  public static String sha256(String message) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
