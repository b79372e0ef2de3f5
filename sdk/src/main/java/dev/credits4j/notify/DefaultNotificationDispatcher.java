package dev.credits4j.notify;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.DispatchReport;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.NotificationId;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.LeasedQueue;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.SqlErrors;
import dev.credits4j.spi.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outbox dispatcher over JPA; see {@link NotificationDispatcher} and docs/notifications.md.
 *
 * <p>A claim is one transaction: it reads the ids of due, unclaimed notifications, then sets a
 * fresh claim token and lease on them with one conditional {@code UPDATE} that repeats the due-and-
 * unclaimed condition, and reads back the rows carrying its token. A dispatcher that races for the
 * same rows waits for the first one's row locks and, once that commits, no longer matches the
 * condition (PostgreSQL and MariaDB re-check the row they waited for; at stricter isolation the
 * database reports a serialization failure and the claim is retried). This works the same on every
 * database, where {@code SELECT ... FOR UPDATE SKIP LOCKED} does not. Delivery happens outside any
 * transaction; every later change of the row is conditional on the claim token, so a dispatcher
 * whose claim lapsed and was taken over changes nothing.
 */
@ApplicationScoped
public class DefaultNotificationDispatcher implements NotificationDispatcher {
  private static final System.Logger LOG =
      System.getLogger(DefaultNotificationDispatcher.class.getName());
  private static final int ERROR_MAX = 1000;

  private CreditsContext ctx;
  private List<Notifier> notifiers;
  private DispatcherSettings settings;

  /** For CDI's client proxies only. */
  protected DefaultNotificationDispatcher() {}

  /**
   * Under CDI: every {@link Notifier} bean, and a {@link DispatcherSettings} bean if there is one.
   */
  @Inject
  public DefaultNotificationDispatcher(
      CreditsContext ctx, Instance<Notifier> notifiers, Instance<DispatcherSettings> settings) {
    this(
        ctx,
        notifiers.stream().toList(),
        settings.isResolvable() ? settings.get() : DispatcherSettings.DEFAULTS);
  }

  public DefaultNotificationDispatcher(
      CreditsContext ctx, Collection<Notifier> notifiers, DispatcherSettings settings) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.settings = Objects.requireNonNull(settings, "settings");
    Map<String, Notifier> byName = new LinkedHashMap<>();
    for (Notifier n : notifiers) {
      String name = Objects.requireNonNull(n, "notifier").name();
      if (name == null || name.isBlank() || name.length() > 64) {
        throw new IllegalArgumentException(
            "CREDITS-0502 a notifier's name must be 1 to 64 characters: " + n);
      }
      if (byName.put(name, n) != null) {
        throw new IllegalArgumentException(
            "CREDITS-0502 two notifiers are named '" + name + "'; names must be unique");
      }
    }
    this.notifiers = List.copyOf(byName.values());
  }

  /** The notifiers every notification goes through, in order. */
  public List<Notifier> notifiers() {
    return notifiers;
  }

  public DispatcherSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- dispatch

  @Override
  public DispatchReport dispatchPending() {
    if (notifiers.isEmpty()) {
      throw new IllegalStateException(
          "CREDITS-0503 no notifier is configured; notifications stay in the outbox until a"
              + " dispatcher with at least one notifier runs");
    }
    int claimed = 0;
    int delivered = 0;
    int retrying = 0;
    int dead = 0;
    while (true) {
      Claim claim = claim();
      claimed += claim.messages().size();
      for (OutboxMessage m : claim.messages()) {
        switch (deliver(m, claim)) {
          case DELIVERED -> delivered++;
          case RETRYING -> retrying++;
          case DEAD -> dead++;
          case LOST -> {}
        }
      }
      if (claim.messages().size() < settings.batchSize()) {
        return new DispatchReport(claimed, delivered, retrying, dead);
      }
    }
  }

  /**
   * Notifications claimed under one token until {@code until}, and the notifiers that already
   * accepted each of them (in an earlier attempt), by notification id.
   */
  private record Claim(
      String token,
      Instant until,
      List<OutboxMessage> messages,
      Map<String, Set<String>> delivered) {}

  private Claim claim() {
    String token = Ids.newId();
    return ctx.transactions()
        .inTransaction(
            em -> {
              Instant now = ctx.now();
              Instant until = now.plus(settings.lease());
              long at = Micros.of(now);
              List<OutboxMessage> mine =
                  new LeasedQueue<>(OutboxMessage.class, NotificationStatus.PENDING)
                      .claim(em, token, at, Micros.of(until), settings.batchSize());
              if (mine.isEmpty()) {
                return new Claim(token, until, List.of(), Map.of());
              }
              Map<String, Set<String>> delivered = new HashMap<>();
              if (!mine.isEmpty()) {
                em.createQuery(
                        "select d.notificationId, d.notifier from NotificationDelivery d"
                            + " where d.notificationId in :ids",
                        Object[].class)
                    .setParameter("ids", mine.stream().map(OutboxMessage::getId).toList())
                    .getResultList()
                    .forEach(
                        r ->
                            delivered
                                .computeIfAbsent((String) r[0], k -> new HashSet<>())
                                .add((String) r[1]));
              }
              return new Claim(token, until, mine, delivered);
            });
  }

  private enum Result {
    DELIVERED,
    RETRYING,
    DEAD,
    /** The claim lapsed before delivery finished; whoever holds it now finishes the work. */
    LOST
  }

  /**
   * Delivers one claimed notification through each notifier that has not yet accepted it, recording
   * each success at once (the last one together with marking the notification delivered), or
   * records the first failure with backoff.
   */
  private Result deliver(OutboxMessage m, Claim claim) {
    if (m.getAttempts() > settings.maxAttempts()) {
      return lapsedOnLastAttempt(m, claim);
    }
    Notification n = Outbox.notification(m);
    Set<String> done = claim.delivered().getOrDefault(m.getId(), Set.of());
    List<Notifier> pending = notifiers.stream().filter(x -> !done.contains(x.name())).toList();
    for (int i = 0; i < pending.size(); i++) {
      Notifier notifier = pending.get(i);
      if (!ctx.now().isBefore(claim.until())) {
        LOG.log(
            Level.WARNING,
            "CREDITS-0504 the claim on notification {0} lapsed before it was delivered; another"
                + " dispatcher takes it over (raise the lease)",
            m.getId());
        return Result.LOST;
      }
      try {
        notifier.deliver(n);
      } catch (Exception e) {
        return failed(m, claim, notifier, e);
      }
      if (i < pending.size() - 1) {
        recordDelivery(m, notifier);
      } else {
        return markDelivered(m, claim, notifier);
      }
    }
    return markDelivered(m, claim, null);
  }

  /**
   * Records the last notifier's delivery (if any) and marks the notification DELIVERED, in one
   * transaction, if this dispatcher still holds the claim.
   */
  private Result markDelivered(OutboxMessage m, Claim claim, Notifier last) {
    try {
      int marked =
          ctx.transactions()
              .inTransaction(
                  em -> {
                    Instant now = ctx.now();
                    if (last != null) {
                      em.persist(new NotificationDelivery(m.getId(), last.name(), now));
                      em.flush();
                    }
                    return em.createQuery(
                            "update OutboxMessage m set m.status = :delivered,"
                                + " m.deliveredAt = :now, m.claimToken = null,"
                                + " m.claimedUntil = null"
                                + " where m.id = :id and m.claimToken = :token")
                        .setParameter("delivered", NotificationStatus.DELIVERED)
                        .setParameter("now", Micros.of(now))
                        .setParameter("id", m.getId())
                        .setParameter("token", claim.token())
                        .executeUpdate();
                  });
      return marked == 1 ? Result.DELIVERED : Result.LOST;
    } catch (RuntimeException e) {
      if (!SqlErrors.isUniqueViolation(e)) {
        throw e;
      }
      secondDelivery(m, last);
      return Result.LOST;
    }
  }

  private void recordDelivery(OutboxMessage m, Notifier notifier) {
    try {
      ctx.transactions()
          .inTransaction(
              em -> {
                em.persist(new NotificationDelivery(m.getId(), notifier.name(), ctx.now()));
                return null;
              });
    } catch (RuntimeException e) {
      if (!SqlErrors.isUniqueViolation(e)) {
        throw e;
      }
      secondDelivery(m, notifier);
    }
  }

  private static void secondDelivery(OutboxMessage m, Notifier notifier) {
    LOG.log(
        Level.WARNING,
        "CREDITS-0505 notifier {0} delivered notification {1} a second time: a lapsed claim was"
            + " taken over during delivery",
        notifier.name(),
        m.getId());
  }

  private Result failed(OutboxMessage m, Claim claim, Notifier notifier, Exception e) {
    int attempt = m.getAttempts();
    boolean dead = attempt >= settings.maxAttempts();
    String error = truncate(notifier.name() + ": " + e);
    LOG.log(
        dead ? Level.ERROR : Level.WARNING,
        "CREDITS-0506 notifier {0} failed to deliver notification {1} ({2} of {3}) on attempt {4}"
            + " of {5}: {6}",
        notifier.name(),
        m.getId(),
        m.getType(),
        m.getWorkspaceKey() + "/" + m.getOrganizationId(),
        attempt,
        settings.maxAttempts(),
        e.toString());
    int marked =
        ctx.transactions()
            .inTransaction(
                em -> {
                  Instant now = ctx.now();
                  return em.createQuery(
                          "update OutboxMessage m set m.status = :status,"
                              + " m.nextAttemptAt = :next, m.lastError = :error,"
                              + " m.claimToken = null, m.claimedUntil = null"
                              + " where m.id = :id and m.claimToken = :token")
                      .setParameter(
                          "status", dead ? NotificationStatus.DEAD : NotificationStatus.PENDING)
                      .setParameter(
                          "next", Micros.of(dead ? now : now.plus(settings.backoff(attempt))))
                      .setParameter("error", error)
                      .setParameter("id", m.getId())
                      .setParameter("token", claim.token())
                      .executeUpdate();
                });
    if (marked == 0) {
      return Result.LOST;
    }
    return dead ? Result.DEAD : Result.RETRYING;
  }

  /**
   * A notification claimed again after its last allowed attempt's claim lapsed: the node died every
   * time (or the delivery always outlasts the lease). It is not tried again: DEAD.
   */
  private Result lapsedOnLastAttempt(OutboxMessage m, Claim claim) {
    LOG.log(
        Level.ERROR,
        "CREDITS-0508 notification {0} ({1}) is DEAD: the claim of its last allowed attempt"
            + " lapsed without a result",
        m.getId(),
        m.getType());
    int marked =
        ctx.transactions()
            .inTransaction(
                em ->
                    em.createQuery(
                            "update OutboxMessage m set m.status = :dead, m.attempts = :max,"
                                + " m.lastError = :why, m.claimToken = null,"
                                + " m.claimedUntil = null"
                                + " where m.id = :id and m.claimToken = :token")
                        .setParameter("dead", NotificationStatus.DEAD)
                        .setParameter("max", settings.maxAttempts())
                        .setParameter(
                            "why", "the claim of the last allowed attempt lapsed without a result")
                        .setParameter("id", m.getId())
                        .setParameter("token", claim.token())
                        .executeUpdate());
    return marked == 1 ? Result.DEAD : Result.LOST;
  }

  private static String truncate(String s) {
    return s.length() <= ERROR_MAX ? s : s.substring(0, ERROR_MAX - 1) + "…";
  }

  // ---------------------------------------------------------------- operators

  @Override
  public List<OutboxEntryView> undelivered(int limit) {
    if (limit < 1 || limit > 1000) {
      throw Checks.invalid("limit", "must be 1 to 1000, was " + limit);
    }
    return ctx.transactions()
        .read(
            em ->
                em
                    .createQuery(
                        "select m from OutboxMessage m where m.status <> :delivered"
                            + " order by m.occurredAt, m.id",
                        OutboxMessage.class)
                    .setParameter("delivered", NotificationStatus.DELIVERED)
                    .setMaxResults(limit)
                    .getResultList()
                    .stream()
                    .map(DefaultNotificationDispatcher::view)
                    .toList());
  }

  @Override
  public OutboxEntryView get(NotificationId id) {
    Checks.required("notificationId", id);
    return ctx.transactions().read(em -> view(find(em, id)));
  }

  @Override
  public OutboxEntryView retry(NotificationId id) {
    Checks.required("notificationId", id);
    return ctx.transactions()
        .inTransaction(
            em -> {
              int changed =
                  em.createQuery(
                          "update OutboxMessage m set m.status = :pending, m.attempts = 0,"
                              + " m.nextAttemptAt = :now, m.claimToken = null,"
                              + " m.claimedUntil = null"
                              + " where m.id = :id and m.status = :dead")
                      .setParameter("pending", NotificationStatus.PENDING)
                      .setParameter("now", Micros.of(ctx.now()))
                      .setParameter("id", id.toString())
                      .setParameter("dead", NotificationStatus.DEAD)
                      .executeUpdate();
              em.clear();
              OutboxMessage m = find(em, id);
              if (changed == 0) {
                throw new CreditsException(
                    ErrorCode.NOTIFICATION_NOT_DEAD,
                    "notification " + id + " is " + m.getStatus() + ", not DEAD",
                    List.of(new FieldViolation("notificationId", "is " + m.getStatus())));
              }
              return view(m);
            });
  }

  @Override
  public int purgeDelivered(Instant before) {
    Checks.required("before", before);
    long t = Micros.of(Micros.truncate(before));
    return ctx.transactions()
        .inTransaction(
            em -> {
              em.createQuery(
                      "delete from NotificationDelivery d where d.notificationId in"
                          + " (select m.id from OutboxMessage m where m.status = :delivered"
                          + " and m.deliveredAt < :t)")
                  .setParameter("delivered", NotificationStatus.DELIVERED)
                  .setParameter("t", t)
                  .executeUpdate();
              return em.createQuery(
                      "delete from OutboxMessage m where m.status = :delivered"
                          + " and m.deliveredAt < :t")
                  .setParameter("delivered", NotificationStatus.DELIVERED)
                  .setParameter("t", t)
                  .executeUpdate();
            });
  }

  private static OutboxMessage find(EntityManager em, NotificationId id) {
    OutboxMessage m = em.find(OutboxMessage.class, id.toString());
    if (m == null) {
      throw new CreditsException(
          ErrorCode.NOTIFICATION_NOT_FOUND, "no notification " + id + " in the outbox");
    }
    return m;
  }

  static OutboxEntryView view(OutboxMessage m) {
    return new OutboxEntryView(
        Outbox.notification(m),
        m.getStatus(),
        m.getAttempts(),
        m.getStatus() == NotificationStatus.PENDING ? m.getNextAttemptAt() : null,
        m.getClaimedUntil(),
        m.getLastError(),
        m.getDeliveredAt());
  }
}
