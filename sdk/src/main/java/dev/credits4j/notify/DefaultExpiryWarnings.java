package dev.credits4j.notify;

import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.SqlErrors;
import dev.credits4j.workspace.WorkspaceReads;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Expiring-soon warnings over JPA; see {@link ExpiryWarnings} and docs/notifications.md.
 *
 * <p>For each workspace with credits enabled and each of its warning windows in ascending order,
 * the lots considered are those whose expiry falls after the next narrower window and at most this
 * window ahead of {@code asOf} — so each lot is considered for the narrowest window it is in — that
 * still have free credits and no warning for this window yet. They are read without locks in
 * batches, by (expiry, lot id) with a keyset cursor, from the index on lot expiry; each warning is
 * then written in a transaction of its own: the (lot, window) row and the notification together.
 */
@ApplicationScoped
public class DefaultExpiryWarnings implements ExpiryWarnings {
  /** Candidate lots read per query. */
  static final int BATCH = 100;

  private static final System.Logger LOG = System.getLogger(DefaultExpiryWarnings.class.getName());

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultExpiryWarnings() {}

  @Inject
  public DefaultExpiryWarnings(CreditsContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public int sendDueNow() {
    return sendDue(ctx.now());
  }

  @Override
  public int sendDue(Instant asOf) {
    return send(null, asOf);
  }

  @Override
  public int sendDue(String workspace, Instant asOf) {
    return send(Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH), asOf);
  }

  /** Warns in one workspace, or in all when {@code workspace} is null. */
  private int send(String workspace, Instant asOf) {
    Checks.required("asOf", asOf);
    Instant at = Micros.truncate(asOf);
    if (at.isAfter(ctx.now())) {
      throw Checks.invalid("asOf", "must not be in the future (warnings never go out early)");
    }
    int sent = 0;
    for (Object[] ws : workspaces(workspace)) {
      String key = (String) ws[0];
      if (!ctx.featureGate().creditsAllowed(key)) {
        continue;
      }
      int narrower = 0;
      for (int days : WorkspaceSnapshot.parseDays((String) ws[1]).stream().sorted().toList()) {
        sent +=
            sendWindow(
                key, days, at.plus(Duration.ofDays(narrower)), at, at.plus(Duration.ofDays(days)));
        narrower = days;
      }
    }
    return sent;
  }

  private List<Object[]> workspaces(String workspace) {
    return ctx.transactions().read(em -> WorkspaceReads.warningDays(em, workspace).getResultList());
  }

  /** A lot due a warning: its expiry (micros), id, free credits, purchase, wallet. */
  private record Candidate(
      long expiresAt,
      String lotId,
      BigDecimal free,
      String purchaseId,
      String walletId,
      String org) {}

  /** Warns of the lots expiring in (from, to]; returns how many warnings were written. */
  private int sendWindow(String ws, int days, Instant from, Instant asOf, Instant to) {
    int sent = 0;
    long afterExpiry = Long.MIN_VALUE;
    String afterId = "";
    List<Candidate> batch;
    do {
      batch = candidates(ws, days, Micros.of(from), Micros.of(to), afterExpiry, afterId);
      for (Candidate c : batch) {
        if (warn(ws, days, asOf, c)) {
          sent++;
        }
      }
      if (!batch.isEmpty()) {
        Candidate last = batch.get(batch.size() - 1);
        afterExpiry = last.expiresAt();
        afterId = last.lotId();
      }
    } while (batch.size() == BATCH);
    return sent;
  }

  private List<Candidate> candidates(
      String ws, int days, long from, long to, long afterExpiry, String afterId) {
    return ctx.transactions()
        .read(
            em ->
                em
                    .createQuery(
                        "select l.expiresAt, l.id, l.remaining, l.reserved, l.purchaseId, w.id,"
                            + " w.organizationId from Lot l, Wallet w"
                            + " where w.id = l.walletId and w.workspaceKey = :ws"
                            + " and l.remaining > 0 and l.remaining > l.reserved"
                            + " and l.expiresAt > :from and l.expiresAt <= :to"
                            + " and (l.expiresAt > :afterExpiry"
                            + " or (l.expiresAt = :afterExpiry and l.id > :afterId))"
                            + " and not exists (select x.lotId from ExpiryWarning x"
                            + " where x.lotId = l.id and x.warningDays = :days)"
                            + " order by l.expiresAt, l.id",
                        Object[].class)
                    .setParameter("ws", ws)
                    .setParameter("from", from)
                    .setParameter("to", to)
                    .setParameter("afterExpiry", afterExpiry)
                    .setParameter("afterId", afterId)
                    .setParameter("days", days)
                    .setMaxResults(BATCH)
                    .getResultList()
                    .stream()
                    .map(
                        r ->
                            new Candidate(
                                ((Number) r[0]).longValue(),
                                (String) r[1],
                                CreditAmounts.normalize(
                                    ((BigDecimal) r[2]).subtract((BigDecimal) r[3])),
                                (String) r[4],
                                (String) r[5],
                                (String) r[6]))
                    .toList());
  }

  /** Writes one warning; false when another run wrote it first. */
  private boolean warn(String ws, int days, Instant asOf, Candidate c) {
    try {
      ctx.transactions()
          .inTransaction(
              em -> {
                Instant now = ctx.now();
                String id =
                    Outbox.draft(
                            NotificationType.EXPIRING_SOON,
                            WalletRef.of(ws, c.org()),
                            c.walletId(),
                            now)
                        .credits(c.free())
                        .lot(c.lotId())
                        .purchase(c.purchaseId())
                        .expiresAt(Micros.toInstant(c.expiresAt()))
                        .data("warningDays", days)
                        .writeTo(em);
                em.persist(new ExpiryWarning(c.lotId(), days, c.walletId(), id, now));
                return null;
              });
      return true;
    } catch (RuntimeException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        return false;
      }
      LOG.log(
          Level.WARNING,
          "CREDITS-0507 the {0}-day expiry warning for lot {1} could not be written as of {2}; the"
              + " next run tries again: {3}",
          days,
          c.lotId(),
          asOf,
          e.toString());
      return false;
    }
  }
}
