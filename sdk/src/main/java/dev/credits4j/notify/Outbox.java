package dev.credits4j.notify;

import dev.credits4j.api.EntryId;
import dev.credits4j.api.LotId;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationId;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Ids;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * Writes notifications into the outbox in the caller's transaction: the SDK's services call it from
 * inside the transaction that makes the change the notification reports, so the two commit or roll
 * back together. Not for embedders.
 */
public final class Outbox {
  /** The most the encoded data map may take (the column's length). */
  static final int DATA_MAX = 4000;

  private Outbox() {}

  /**
   * Starts a notification of {@code type} for the wallet {@code walletId} (addressed as {@code
   * ref}).
   */
  public static Draft draft(NotificationType type, WalletRef ref, String walletId, Instant at) {
    return new Draft(type, ref, walletId, at);
  }

  /** A notification being written; {@link #writeTo} stores it. */
  public static final class Draft {
    private final NotificationType type;
    private final WalletRef ref;
    private final String walletId;
    private final Instant at;
    private BigDecimal credits;
    private BigDecimal moneyAmount;
    private String moneyCurrency;
    private String lotId;
    private String purchaseId;
    private String entryId;
    private Instant expiresAt;
    private final Map<String, String> data = new LinkedHashMap<>();

    private Draft(NotificationType type, WalletRef ref, String walletId, Instant at) {
      this.type = Objects.requireNonNull(type, "type");
      this.ref = Objects.requireNonNull(ref, "ref");
      this.walletId = Objects.requireNonNull(walletId, "walletId");
      this.at = Objects.requireNonNull(at, "at");
    }

    public Draft credits(BigDecimal credits) {
      this.credits = credits == null ? null : CreditAmounts.normalize(credits);
      return this;
    }

    public Draft money(BigDecimal amount, String currency) {
      this.moneyAmount = amount;
      this.moneyCurrency = amount == null ? null : Objects.requireNonNull(currency, "currency");
      return this;
    }

    public Draft lot(String lotId) {
      this.lotId = lotId;
      return this;
    }

    public Draft purchase(String purchaseId) {
      this.purchaseId = purchaseId;
      return this;
    }

    public Draft entry(String entryId) {
      this.entryId = entryId;
      return this;
    }

    public Draft expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** Adds a data value; null values are left out. */
    public Draft data(String key, Object value) {
      if (value != null) {
        data.put(key, value instanceof BigDecimal d ? plain(d) : value.toString());
      }
      return this;
    }

    /** Stores the notification, PENDING and due at once; returns its id. */
    public String writeTo(EntityManager em) {
      String id = Ids.newId();
      em.persist(
          new OutboxMessage(
              id,
              type,
              ref.workspace(),
              ref.organization(),
              walletId,
              at,
              credits,
              moneyAmount,
              moneyCurrency,
              lotId,
              purchaseId,
              entryId,
              expiresAt,
              encode(data)));
      return id;
    }
  }

  private static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  /** The notification a stored outbox row holds. */
  static Notification notification(OutboxMessage m) {
    Map<String, String> data = decode(m.getData());
    if (m.getPurchaseId() != null && purchaseId(m.getPurchaseId()) == null) {
      data.put("purchaseReference", m.getPurchaseId());
    }
    MonetaryAmount money =
        m.getMoneyAmount() == null
            ? null
            : Money.of(m.getMoneyAmount(), Monetary.getCurrency(m.getMoneyCurrency()));
    return new Notification(
        NotificationId.of(m.getId()),
        m.getType(),
        WalletRef.of(m.getWorkspaceKey(), m.getOrganizationId()),
        m.getOccurredAt(),
        m.getCredits() == null ? null : CreditAmounts.normalize(m.getCredits()),
        money,
        m.getLotId() == null ? null : new LotId(UUID.fromString(m.getLotId())),
        purchaseId(m.getPurchaseId()),
        m.getEntryId() == null ? null : new EntryId(UUID.fromString(m.getEntryId())),
        m.getExpiresAt(),
        data);
  }

  /** The SDK's purchase ids are UUIDs; a lot granted with a host's own reference has none. */
  private static PurchaseId purchaseId(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return new PurchaseId(UUID.fromString(stored));
    } catch (IllegalArgumentException notAUuid) {
      return null;
    }
  }

  /** {@code k=v&k=v}, keys sorted, both URL-encoded (UTF-8): stable and free of separators. */
  static String encode(Map<String, String> data) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    if (b.length() > DATA_MAX) {
      throw new IllegalArgumentException(
          "CREDITS-0501 a notification's data encodes to "
              + b.length()
              + " characters, over "
              + DATA_MAX);
    }
    return b.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> data = new TreeMap<>();
    if (text == null || text.isEmpty()) {
      return data;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      data.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return data;
  }
}
