package dev.credits4j.promotion;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AnnouncementReport;
import dev.credits4j.api.AnnouncementRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.Promotions;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.CatalogReads;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.SqlErrors;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.notify.Outbox;
import dev.credits4j.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Promotion announcements over JPA; see {@link Promotions} and docs/catalog.md.
 *
 * <p>The workspace's wallets are walked in id order, {@value #BATCH} per transaction. Each batch
 * first locks the package's row (so concurrent announcements of the package take turns, batch by
 * batch), then reads which of its wallets already have an {@link Announcement} of the package and
 * writes, for each of the others, the announcement row and its outbox notification. The row's
 * unique key stays the last guard: a batch that still collides (a writer that skipped the lock)
 * rolls back and runs again, now finding the other's rows, so each organization gets one
 * notification.
 */
@ApplicationScoped
public class DefaultPromotions implements Promotions {
  /** Wallets per transaction. */
  static final int BATCH = 200;

  /** How often a batch runs again after colliding with a concurrent announcement. */
  static final int ATTEMPTS = 5;

  private CreditsContext ctx;
  private PackageCatalog catalog;

  /** For CDI's client proxies only. */
  protected DefaultPromotions() {}

  @Inject
  public DefaultPromotions(CreditsContext ctx, PackageCatalog catalog) {
    this.ctx = ctx;
    this.catalog = catalog;
  }

  @Override
  public AnnouncementReport announce(AnnouncementRequest r) {
    Checks.required("request", r);
    String ws = Checks.exactId("workspace", r.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.required("packageId", r.packageId());
    Actor actor = Checks.required("actor", r.actor());
    Checks.requireStaff(actor, "announce promotions");
    String message = Checks.optionalText("message", r.message(), AnnouncementRequest.MESSAGE_MAX);
    if (message != null && Checks.hasControlChar(message)) {
      throw Checks.invalid(
          "message", "must be one line without control characters (CR, LF, TAB, ESC, C0 or C1)");
    }
    CreditPackageView p = catalog.get(ws, r.packageId());
    requireCreditsModule(ws);
    Instant now = ctx.now();
    if (!p.active()) {
      throw new CreditsException(
          ErrorCode.PACKAGE_INACTIVE, "package '" + p.name() + "' is not active");
    }
    if (!p.shownInCatalog()) {
      throw new CreditsException(
          ErrorCode.PACKAGE_NOT_ON_SALE,
          "package '"
              + p.name()
              + "' is not shown in the client catalog: there is nothing to announce");
    }
    if (p.promotionEndsAt() != null && !now.isBefore(p.promotionEndsAt())) {
      throw new CreditsException(
          ErrorCode.PACKAGE_NOT_ON_SALE,
          "the promotion of package '" + p.name() + "' ended at " + p.promotionEndsAt());
    }
    int organizations = 0;
    int notified = 0;
    String after = "";
    List<Object[]> batch;
    do {
      String from = after;
      batch =
          ctx.transactions()
              .read(
                  em ->
                      LedgerReads.walletsAfter(em, ws, from).setMaxResults(BATCH).getResultList());
      if (!batch.isEmpty()) {
        organizations += batch.size();
        notified += announceBatch(ws, p, message, actor, batch);
        after = (String) batch.get(batch.size() - 1)[0];
      }
    } while (batch.size() == BATCH);
    return new AnnouncementReport(ws, p.id(), organizations, notified, organizations - notified);
  }

  private void requireCreditsModule(String ws) {
    boolean enabled =
        ctx.featureGate().creditsAllowed(ws)
            && ctx.transactions()
                .read(
                    em -> {
                      Workspace w = em.find(Workspace.class, ws);
                      return w != null && w.isCreditsEnabled();
                    });
    if (!enabled) {
      throw new CreditsException(
          ErrorCode.MODULE_DISABLED, "the credits module is disabled in workspace '" + ws + "'");
    }
  }

  /** The offer's window in words, for the templates; empty when it has none. */
  static String offer(CreditPackageView p) {
    if (p.promotionStartsAt() != null && p.promotionEndsAt() != null) {
      return "Offer from " + p.promotionStartsAt() + " until " + p.promotionEndsAt() + ". ";
    }
    if (p.promotionEndsAt() != null) {
      return "Offer until " + p.promotionEndsAt() + ". ";
    }
    if (p.promotionStartsAt() != null) {
      return "Offer from " + p.promotionStartsAt() + ". ";
    }
    return "";
  }

  /** Notifies the batch's wallets not yet told about the package; returns how many it notified. */
  private int announceBatch(
      String ws, CreditPackageView p, String message, Actor actor, List<Object[]> wallets) {
    List<String> ids = wallets.stream().map(row -> (String) row[0]).toList();
    for (int attempt = 1; ; attempt++) {
      try {
        return ctx.transactions()
            .inTransaction(
                em -> {
                  // First, before any read: concurrent announcements of the package take turns.
                  if (!CatalogReads.lockPackage(em, p.id().toString())) {
                    throw new CreditsException(
                        ErrorCode.PACKAGE_NOT_FOUND, "no package " + p.id() + " in '" + ws + "'");
                  }
                  Set<String> done =
                      new HashSet<>(
                          em.createQuery(
                                  "select a.walletId from Announcement a"
                                      + " where a.packageId = :p and a.walletId in :ids",
                                  String.class)
                              .setParameter("p", p.id().toString())
                              .setParameter("ids", ids)
                              .getResultList());
                  Instant now = ctx.now();
                  int written = 0;
                  for (Object[] row : wallets) {
                    String walletId = (String) row[0];
                    if (done.contains(walletId)) {
                      continue;
                    }
                    WalletRef ref = WalletRef.of(ws, (String) row[1]);
                    BigDecimal total = p.totalCredits();
                    String notification =
                        Outbox.draft(NotificationType.PROMOTION_ANNOUNCED, ref, walletId, now)
                            .credits(total)
                            .money(
                                p.price().getNumber().numberValueExact(BigDecimal.class),
                                p.price().getCurrency().getCurrencyCode())
                            .data("packageId", p.id())
                            .data("packageName", p.name())
                            .data("bonusCredits", p.bonusCredits())
                            .data("promotionStartsAt", p.promotionStartsAt())
                            .data("promotionEndsAt", p.promotionEndsAt())
                            .data("offer", offer(p))
                            .data("message", message == null ? "" : message)
                            .writeTo(em);
                    em.persist(
                        new Announcement(
                            Ids.newId(),
                            ws,
                            p.id().toString(),
                            walletId,
                            notification,
                            actor,
                            now));
                    written++;
                  }
                  em.flush();
                  return written;
                });
      } catch (RuntimeException e) {
        if (attempt < ATTEMPTS && SqlErrors.isUniqueViolation(e)) {
          continue; // a concurrent announcement told some of these first: read again
        }
        throw e;
      }
    }
  }
}
