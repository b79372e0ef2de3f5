package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * One notification for an organization, as {@link dev.credits4j.spi.Notifier}s receive it. Who
 * receives it (which people, which addresses) is the host's concern; the notification names the
 * organization's wallet.
 *
 * <p>What the fields hold by {@link #type()}:
 *
 * <table>
 *   <caption>fields by type</caption>
 *   <tr><th>type</th><th>credits</th><th>money</th><th>lot, purchase, entry</th><th>expiresAt</th>
 *       <th>data</th></tr>
 *   <tr><td>PURCHASE_CONFIRMATION</td><td>credits granted (with bonus)</td><td>amount paid</td>
 *       <td>the new lot, the purchase, the PURCHASE entry</td><td>the lot's expiry, if any</td>
 *       <td>packageName, packageCredits, bonusCredits</td></tr>
 *   <tr><td>LOW_BALANCE</td><td>available credits after the debit</td><td>none</td>
 *       <td>the entry that crossed, if the debit wrote one (a hold writes none)</td><td>none</td>
 *       <td>threshold, balance, available, held</td></tr>
 *   <tr><td>EXPIRING_SOON</td><td>the lot's unused credits</td><td>none</td>
 *       <td>the lot, its purchase if any</td><td>the lot's expiry</td>
 *       <td>warningDays</td></tr>
 *   <tr><td>EXPIRED</td><td>credits expired</td><td>none</td>
 *       <td>the lot, its purchase if any, the EXPIRATION entry</td><td>the lot's expiry</td>
 *       <td>rolledOver (credits moved to a rollover lot instead)</td></tr>
 *   <tr><td>REFUND</td><td>credits refunded</td><td>money refunded</td>
 *       <td>the purchase's lot, the purchase, the REFUND entry</td><td>none</td>
 *       <td>refundId, packageName</td></tr>
 * </table>
 *
 * @param id stable for the notification's life: receivers deduplicate by it
 * @param occurredAt when the change that caused it committed (its transaction's clock reading)
 * @param data further values by name, all strings; never null, possibly empty
 */
public record Notification(
    NotificationId id,
    NotificationType type,
    WalletRef wallet,
    Instant occurredAt,
    BigDecimal credits,
    MonetaryAmount money,
    LotId lot,
    PurchaseId purchase,
    EntryId entry,
    Instant expiresAt,
    Map<String, String> data) {
  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(wallet, "wallet");
    Objects.requireNonNull(occurredAt, "occurredAt");
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
