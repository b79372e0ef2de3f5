package dev.credits4j.notify;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxPage;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Micros;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One workspace's outbox over JPA, keyset-paged oldest first; see {@link
 * dev.credits4j.api.NotificationOutbox}.
 */
@ApplicationScoped
public class DefaultNotificationOutbox implements dev.credits4j.api.NotificationOutbox {
  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultNotificationOutbox() {}

  @Inject
  public DefaultNotificationOutbox(CreditsContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public OutboxPage list(OutboxQuery q) {
    Checks.required("query", q);
    String ws = Checks.requiredText("workspace", q.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    if (q.limit() < 1 || q.limit() > OutboxQuery.MAX_LIMIT) {
      throw Checks.invalid("limit", "must be from 1 to " + OutboxQuery.MAX_LIMIT);
    }
    String[] after = q.cursor() == null ? null : decode(q.cursor());
    return ctx.transactions()
        .read(
            em -> {
              StringBuilder jpql =
                  new StringBuilder("select m from OutboxMessage m where m.workspaceKey = :ws");
              if (!q.statuses().isEmpty()) {
                jpql.append(" and m.status in :st");
              }
              if (after != null) {
                jpql.append(" and (m.occurredAt > :t or (m.occurredAt = :t and m.id > :id))");
              }
              jpql.append(" order by m.occurredAt, m.id");
              TypedQuery<OutboxMessage> query =
                  em.createQuery(jpql.toString(), OutboxMessage.class).setParameter("ws", ws);
              if (!q.statuses().isEmpty()) {
                query.setParameter("st", List.copyOf(q.statuses()));
              }
              if (after != null) {
                query.setParameter("t", Long.parseLong(after[0])).setParameter("id", after[1]);
              }
              List<OutboxMessage> rows = query.setMaxResults(q.limit() + 1).getResultList();
              boolean more = rows.size() > q.limit();
              List<OutboxMessage> page = more ? rows.subList(0, q.limit()) : rows;
              List<OutboxEntryView> items = new ArrayList<>(page.size());
              for (OutboxMessage m : page) {
                items.add(DefaultNotificationDispatcher.view(m));
              }
              OutboxMessage last = page.isEmpty() ? null : page.get(page.size() - 1);
              return new OutboxPage(
                  items,
                  more ? encode(Micros.of(last.getOccurredAt()) + "." + last.getId()) : null);
            });
  }

  @Override
  public int purgeDelivered(String workspace, Instant before) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.required("before", before);
    long t = Micros.of(Micros.truncate(before));
    return ctx.transactions()
        .inTransaction(
            em -> {
              em.createQuery(
                      "delete from NotificationDelivery d where d.notificationId in"
                          + " (select m.id from OutboxMessage m where m.workspaceKey = :ws"
                          + " and m.status = :delivered and m.deliveredAt < :t)")
                  .setParameter("ws", ws)
                  .setParameter("delivered", NotificationStatus.DELIVERED)
                  .setParameter("t", t)
                  .executeUpdate();
              return em.createQuery(
                      "delete from OutboxMessage m where m.workspaceKey = :ws"
                          + " and m.status = :delivered and m.deliveredAt < :t")
                  .setParameter("ws", ws)
                  .setParameter("delivered", NotificationStatus.DELIVERED)
                  .setParameter("t", t)
                  .executeUpdate();
            });
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int dot = text.indexOf('.');
      if (dot > 0) {
        Long.parseLong(text.substring(0, dot));
        return new String[] {text.substring(0, dot), text.substring(dot + 1)};
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw badCursor();
  }

  private static CreditsException badCursor() {
    return Checks.invalid("cursor", "is not a cursor of this list");
  }
}
