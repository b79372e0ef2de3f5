package dev.credits4j.webhook;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WebhookDelivery;
import dev.credits4j.api.WebhookDeliveryPage;
import dev.credits4j.api.WebhookDeliveryStatus;
import dev.credits4j.api.WebhookEndpoint;
import dev.credits4j.api.WebhookEndpointStatus;
import dev.credits4j.api.WebhookEventType;
import dev.credits4j.api.WebhookRunReport;
import dev.credits4j.api.WebhookSecret;
import dev.credits4j.api.Webhooks;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.LeasedQueue;
import dev.credits4j.internal.Micros;
import dev.credits4j.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Webhook endpoints and their delivery over JPA and {@link HttpClient}; see {@link Webhooks} and
 * docs/webhooks.md.
 *
 * <p>Claiming works as the outbox dispatcher's does: one transaction reads the ids of due,
 * unclaimed deliveries, sets a fresh claim token and lease on them with one conditional {@code
 * UPDATE} repeating the condition, and reads back the rows carrying its token, so two nodes never
 * claim the same delivery while its lease runs. The POST happens outside any transaction; its
 * outcome is written only if this node still holds the claim. A node that dies between claim and
 * outcome leaves the delivery to be claimed again once the lease lapses: at least once.
 */
@ApplicationScoped
public class DefaultWebhooks implements Webhooks {
  private static final System.Logger LOG = System.getLogger(DefaultWebhooks.class.getName());
  private static final int ERROR_MAX = 1000;
  private static final int URL_MAX = WebhookEndpoint.MAX_URL_LENGTH;
  private static final int DESCRIPTION_MAX = WebhookEndpoint.MAX_DESCRIPTION_LENGTH;
  private static final Duration MAX_OVERLAP = Duration.ofDays(7);

  private CreditsContext ctx;
  private WebhookSettings settings;
  private HttpClient http;

  /** For CDI's client proxies only. */
  protected DefaultWebhooks() {}

  /** Under CDI: a {@link WebhookSettings} bean if there is one, else the defaults. */
  @Inject
  public DefaultWebhooks(CreditsContext ctx, Instance<WebhookSettings> settings) {
    this(ctx, settings.isResolvable() ? settings.get() : WebhookSettings.DEFAULTS);
  }

  public DefaultWebhooks(CreditsContext ctx, WebhookSettings settings) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public WebhookSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- endpoints

  @Override
  public WebhookSecret create(
      String workspace, URI url, Set<WebhookEventType> eventTypes, String description) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    List<FieldViolation> v = new ArrayList<>();
    String checkedUrl = checkUrl(url, v);
    Set<WebhookEventType> types = checkTypes(eventTypes, v);
    String desc = checkDescription(description, v);
    invalidIfAny(v);
    String secret = WebhookSigner.newSecret();
    return ctx.transactions()
        .inTransaction(
            em -> {
              long count =
                  em.createQuery(
                          "select count(e) from EndpointRow e where e.workspaceKey = :ws",
                          Long.class)
                      .setParameter("ws", ws)
                      .getSingleResult();
              if (count >= MAX_ENDPOINTS) {
                throw Checks.invalid(
                    "url", "the workspace has " + count + " endpoints, the most allowed");
              }
              long now = Micros.of(ctx.now());
              EndpointRow e = new EndpointRow();
              e.id = Ids.newId();
              e.workspaceKey = ws;
              e.url = checkedUrl;
              e.eventTypes = wire(types);
              e.description = desc;
              e.status = WebhookEndpointStatus.ENABLED;
              e.secret = secret;
              e.createdAt = now;
              e.updatedAt = now;
              em.persist(e);
              return new WebhookSecret(view(e), secret);
            });
  }

  @Override
  public List<WebhookEndpoint> list(String workspace) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    return ctx.transactions()
        .read(
            em ->
                em
                    .createQuery(
                        "select e from EndpointRow e where e.workspaceKey = :ws"
                            + " order by e.createdAt, e.id",
                        EndpointRow.class)
                    .setParameter("ws", ws)
                    .getResultList()
                    .stream()
                    .map(DefaultWebhooks::view)
                    .toList());
  }

  @Override
  public WebhookEndpoint get(String workspace, String endpointId) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    return ctx.transactions().read(em -> view(endpoint(em, ws, endpointId)));
  }

  @Override
  public WebhookEndpoint update(
      String workspace,
      String endpointId,
      URI url,
      Set<WebhookEventType> eventTypes,
      String description,
      WebhookEndpointStatus status) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    List<FieldViolation> v = new ArrayList<>();
    String checkedUrl = url == null ? null : checkUrl(url, v);
    Set<WebhookEventType> types = eventTypes == null ? null : checkTypes(eventTypes, v);
    String desc = description == null ? null : checkDescription(description, v);
    invalidIfAny(v);
    return ctx.transactions()
        .inTransaction(
            em -> {
              EndpointRow e = endpoint(em, ws, endpointId);
              em.lock(e, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
              em.refresh(e);
              if (checkedUrl != null) {
                e.url = checkedUrl;
              }
              if (types != null) {
                e.eventTypes = wire(types);
              }
              if (desc != null) {
                e.description = desc.isEmpty() ? null : desc;
              }
              if (status != null && status != e.status) {
                e.status = status;
                if (status == WebhookEndpointStatus.ENABLED) {
                  e.failingSince = null;
                  e.disabledAt = null;
                  e.disabledReason = null;
                } else {
                  e.disabledAt = Micros.of(ctx.now());
                  e.disabledReason = "disabled by an admin";
                }
              }
              e.updatedAt = Micros.of(ctx.now());
              return view(e);
            });
  }

  @Override
  public void delete(String workspace, String endpointId) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    ctx.transactions()
        .inTransaction(
            em -> {
              EndpointRow e = endpoint(em, ws, endpointId);
              em.createQuery("delete from DeliveryRow d where d.endpointId = :id")
                  .setParameter("id", e.id)
                  .executeUpdate();
              em.remove(e);
              return null;
            });
  }

  @Override
  public WebhookSecret rotateSecret(String workspace, String endpointId, Duration overlap) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.required("overlap", overlap);
    if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw Checks.invalid("overlap", "must be 0 to " + MAX_OVERLAP + ", was " + overlap);
    }
    String secret = WebhookSigner.newSecret();
    return ctx.transactions()
        .inTransaction(
            em -> {
              EndpointRow e = endpoint(em, ws, endpointId);
              em.lock(e, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
              em.refresh(e);
              Instant now = ctx.now();
              if (overlap.isZero()) {
                e.previousSecret = null;
                e.previousSecretUntil = null;
              } else {
                e.previousSecret = e.secret;
                e.previousSecretUntil = Micros.of(now.plus(overlap));
              }
              e.secret = secret;
              e.updatedAt = Micros.of(now);
              return new WebhookSecret(view(e), secret);
            });
  }

  // ---------------------------------------------------------------- delivery log and replay

  @Override
  public WebhookDeliveryPage deliveries(
      String workspace, String endpointId, String cursor, int limit) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    if (limit < 1 || limit > 200) {
      throw Checks.invalid("limit", "must be 1 to 200, was " + limit);
    }
    String[] after = cursor == null ? null : decodeCursor(cursor);
    return ctx.transactions()
        .read(
            em -> {
              EndpointRow e = endpoint(em, ws, endpointId);
              String jpql =
                  "select d from DeliveryRow d where d.endpointId = :id"
                      + (after == null
                          ? ""
                          : " and (d.createdAt < :t or (d.createdAt = :t and d.id < :did))")
                      + " order by d.createdAt desc, d.id desc";
              var q = em.createQuery(jpql, DeliveryRow.class).setParameter("id", e.id);
              if (after != null) {
                q.setParameter("t", Long.parseLong(after[0])).setParameter("did", after[1]);
              }
              List<DeliveryRow> rows = q.setMaxResults(limit + 1).getResultList();
              boolean more = rows.size() > limit;
              List<DeliveryRow> page = more ? rows.subList(0, limit) : rows;
              DeliveryRow last = page.isEmpty() ? null : page.get(page.size() - 1);
              return new WebhookDeliveryPage(
                  page.stream().map(DefaultWebhooks::view).toList(),
                  more
                      ? Base64.getUrlEncoder()
                          .withoutPadding()
                          .encodeToString(
                              (last.createdAt + "." + last.id).getBytes(StandardCharsets.UTF_8))
                      : null);
            });
  }

  @Override
  public WebhookDelivery replay(String workspace, String endpointId, String eventId) {
    String ws = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    String event = Checks.requiredText("eventId", eventId, 36);
    return ctx.transactions()
        .inTransaction(
            em -> {
              EndpointRow e = endpoint(em, ws, endpointId);
              List<DeliveryRow> found =
                  em.createQuery(
                          "select d from DeliveryRow d where d.endpointId = :id"
                              + " and d.eventId = :event",
                          DeliveryRow.class)
                      .setParameter("id", e.id)
                      .setParameter("event", event)
                      .getResultList();
              if (found.isEmpty()) {
                throw new CreditsException(
                    ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND,
                    "endpoint " + e.id + " has no delivery of event " + event,
                    List.of(new FieldViolation("eventId", "no delivery of this event")));
              }
              em.createQuery(
                      "update DeliveryRow d set d.status = :pending, d.attempts = 0,"
                          + " d.nextAttemptAt = :now, d.claimToken = null, d.claimedUntil = null"
                          + " where d.id = :id")
                  .setParameter("pending", WebhookDeliveryStatus.PENDING)
                  .setParameter("now", Micros.of(ctx.now()))
                  .setParameter("id", found.get(0).id)
                  .executeUpdate();
              em.clear();
              return view(em.find(DeliveryRow.class, found.get(0).id));
            });
  }

  // ---------------------------------------------------------------- delivery

  private record Claim(
      String token, Instant until, List<DeliveryRow> rows, Map<String, EndpointRow> endpoints) {}

  private enum Outcome {
    DELIVERED,
    RETRYING,
    FAILED,
    LOST
  }

  @Override
  public WebhookRunReport deliverDue() {
    int claimed = 0;
    int delivered = 0;
    int retrying = 0;
    int failed = 0;
    int disabled = 0;
    while (true) {
      Claim claim = claim();
      claimed += claim.rows().size();
      List<DeliveryRow> rows = claim.rows();
      for (int i = 0; i < rows.size(); i++) {
        DeliveryRow d = rows.get(i);
        Instant latestStart =
            claim.until().minus(settings.requestTimeout()).minus(settings.connectTimeout());
        if (ctx.now().isAfter(latestStart)) {
          release(claim, rows.subList(i, rows.size()));
          claimed -= rows.size() - i;
          break;
        }
        Attempt a = attempt(d, claim.endpoints().get(d.endpointId));
        int[] disabledNow = new int[1];
        switch (record(d, claim, a, disabledNow)) {
          case DELIVERED -> delivered++;
          case RETRYING -> retrying++;
          case FAILED -> failed++;
          case LOST -> {}
        }
        disabled += disabledNow[0];
      }
      if (rows.size() < settings.batchSize()) {
        return new WebhookRunReport(claimed, delivered, retrying, failed, disabled);
      }
    }
  }

  private Claim claim() {
    String token = Ids.newId();
    return ctx.transactions()
        .inTransaction(
            em -> {
              Instant now = ctx.now();
              Instant until = now.plus(settings.lease());
              long at = Micros.of(now);
              List<DeliveryRow> mine =
                  new LeasedQueue<>(DeliveryRow.class, WebhookDeliveryStatus.PENDING)
                      .claim(em, token, at, Micros.of(until), settings.batchSize());
              if (mine.isEmpty()) {
                return new Claim(token, until, List.of(), Map.of());
              }
              Map<String, EndpointRow> endpoints = new HashMap<>();
              if (!mine.isEmpty()) {
                em.createQuery("select e from EndpointRow e where e.id in :ids", EndpointRow.class)
                    .setParameter("ids", mine.stream().map(r -> r.endpointId).distinct().toList())
                    .getResultList()
                    .forEach(e -> endpoints.put(e.id, e));
              }
              return new Claim(token, until, mine, endpoints);
            });
  }

  /** Hands claimed deliveries back unattempted, their attempt not counted. */
  private void release(Claim claim, List<DeliveryRow> rows) {
    ctx.transactions()
        .inTransaction(
            em ->
                em.createQuery(
                        "update DeliveryRow d set d.claimToken = null, d.claimedUntil = null,"
                            + " d.attempts = d.attempts - 1"
                            + " where d.id in :ids and d.claimToken = :token")
                    .setParameter("ids", rows.stream().map(r -> r.id).toList())
                    .setParameter("token", claim.token())
                    .executeUpdate());
  }

  /** How one POST went: a status code (null without an answer), its latency, an error if any. */
  private record Attempt(
      Instant at, Integer status, long latencyMillis, String error, Target target) {
    Attempt(Instant at, Integer status, long latencyMillis, String error) {
      this(at, status, latencyMillis, error, Target.POSTED);
    }

    /** No POST: the endpoint is disabled (or gone). */
    static Attempt endpointOff(Instant at) {
      return new Attempt(at, null, 0, "the endpoint is disabled", Target.ENDPOINT_OFF);
    }

    boolean ok() {
      return error == null;
    }

    boolean endpointOff() {
      return target == Target.ENDPOINT_OFF;
    }
  }

  /** Whether an attempt reached the network. */
  private enum Target {
    POSTED,
    ENDPOINT_OFF
  }

  private Attempt attempt(DeliveryRow d, EndpointRow e) {
    Instant at = ctx.now();
    if (e == null || e.status != WebhookEndpointStatus.ENABLED) {
      return Attempt.endpointOff(at);
    }
    long timestamp = at.getEpochSecond();
    List<String> secrets = new ArrayList<>(2);
    secrets.add(e.secret);
    if (e.previousSecret != null
        && e.previousSecretUntil != null
        && Micros.of(at) < e.previousSecretUntil) {
      secrets.add(e.previousSecret);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(e.url))
            .timeout(settings.requestTimeout())
            .header("content-type", "application/json")
            .header("user-agent", "credits4j-webhooks")
            .header("webhook-id", d.eventId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header(
                "webhook-signature", WebhookSigner.header(secrets, d.eventId, timestamp, d.payload))
            .POST(HttpRequest.BodyPublishers.ofString(d.payload, StandardCharsets.UTF_8))
            .build();
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      long millis = (System.nanoTime() - start) / 1_000_000;
      int code = response.statusCode();
      return new Attempt(
          at, code, millis, code >= 200 && code < 300 ? null : "the endpoint answered " + code);
    } catch (IOException ex) {
      return new Attempt(at, null, (System.nanoTime() - start) / 1_000_000, ex.toString());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return new Attempt(at, null, (System.nanoTime() - start) / 1_000_000, "interrupted");
    }
  }

  private Outcome record(DeliveryRow d, Claim claim, Attempt a, int[] disabled) {
    boolean dead = !a.ok() && d.attempts >= settings.maxAttempts();
    boolean endpointOff = a.endpointOff();
    if (!a.ok()) {
      LOG.log(
          dead || endpointOff ? Level.ERROR : Level.WARNING,
          "CREDITS-0521 webhook event {0} ({1}) to endpoint {2} failed on attempt {3} of {4}: {5}",
          d.eventId,
          d.eventType,
          d.endpointId,
          d.attempts,
          settings.maxAttempts(),
          a.error());
    }
    return ctx.transactions()
        .inTransaction(
            em -> {
              Instant now = ctx.now();
              WebhookDeliveryStatus status =
                  a.ok()
                      ? WebhookDeliveryStatus.DELIVERED
                      : dead || endpointOff
                          ? WebhookDeliveryStatus.FAILED
                          : WebhookDeliveryStatus.PENDING;
              int marked =
                  em.createQuery(
                          "update DeliveryRow d set d.status = :status, d.nextAttemptAt = :next,"
                              + " d.lastAttemptAt = :at, d.lastStatusCode = :code,"
                              + " d.lastLatencyMillis = :ms, d.lastError = :error,"
                              + " d.deliveredAt = :delivered, d.attempts = :attempts,"
                              + " d.claimToken = null, d.claimedUntil = null"
                              + " where d.id = :id and d.claimToken = :token")
                      .setParameter("status", status)
                      .setParameter(
                          "next",
                          Micros.of(
                              status == WebhookDeliveryStatus.PENDING
                                  ? now.plus(settings.backoff(d.attempts))
                                  : now))
                      .setParameter("at", Micros.of(a.at()))
                      .setParameter("code", a.status())
                      .setParameter("ms", a.latencyMillis())
                      .setParameter("error", a.ok() ? null : truncate(a.error()))
                      .setParameter("delivered", a.ok() ? Micros.of(now) : null)
                      .setParameter("attempts", endpointOff ? d.attempts - 1 : d.attempts)
                      .setParameter("id", d.id)
                      .setParameter("token", claim.token())
                      .executeUpdate();
              if (marked == 0) {
                return Outcome.LOST;
              }
              if (a.ok()) {
                em.createQuery(
                        "update EndpointRow e set e.failingSince = null"
                            + " where e.id = :id and e.failingSince is not null")
                    .setParameter("id", d.endpointId)
                    .executeUpdate();
                return Outcome.DELIVERED;
              }
              if (!endpointOff) {
                disabled[0] = failing(em, d.endpointId, now);
              }
              return status == WebhookDeliveryStatus.PENDING ? Outcome.RETRYING : Outcome.FAILED;
            });
  }

  /**
   * Records that the endpoint is failing; once it has failed for {@code disableAfter} without a
   * success in between, disables it and writes the endpoint-disabled notification for the
   * workspace's admins, both in this transaction (so the notification goes out exactly when the
   * endpoint was disabled). Returns 1 if it disabled the endpoint.
   */
  private int failing(EntityManager em, String endpointId, Instant now) {
    em.createQuery(
            "update EndpointRow e set e.failingSince = :now"
                + " where e.id = :id and e.failingSince is null")
        .setParameter("now", Micros.of(now))
        .setParameter("id", endpointId)
        .executeUpdate();
    long cutoff = Micros.of(now.minus(settings.disableAfter()));
    String reason =
        "every delivery failed for " + settings.disableAfter() + " or longer; last error recorded";
    int changed =
        em.createQuery(
                "update EndpointRow e set e.status = :disabled, e.disabledAt = :now,"
                    + " e.disabledReason = :reason, e.updatedAt = :now"
                    + " where e.id = :id and e.status = :enabled and e.failingSince <= :cutoff")
            .setParameter("disabled", WebhookEndpointStatus.DISABLED)
            .setParameter("enabled", WebhookEndpointStatus.ENABLED)
            .setParameter("now", Micros.of(now))
            .setParameter("reason", reason)
            .setParameter("id", endpointId)
            .setParameter("cutoff", cutoff)
            .executeUpdate();
    if (changed == 0) {
      return 0;
    }
    em.clear();
    EndpointRow e = em.find(EndpointRow.class, endpointId);
    LOG.log(
        Level.ERROR,
        "CREDITS-0522 webhook endpoint {0} of workspace {1} ({2}) is disabled: it failed since {3}",
        e.id,
        e.workspaceKey,
        e.url,
        Micros.toInstant(e.failingSince));
    Outbox.draft(
            NotificationType.WEBHOOK_ENDPOINT_DISABLED, WalletRef.of(e.workspaceKey, ""), e.id, now)
        .data("endpointId", e.id)
        .data("url", e.url)
        .data("reason", reason)
        .data("failingSince", Micros.toInstant(e.failingSince))
        .writeTo(em);
    return 1;
  }

  // ---------------------------------------------------------------- helpers

  private static EndpointRow endpoint(EntityManager em, String ws, String endpointId) {
    String id = Checks.requiredText("endpointId", endpointId, 36);
    EndpointRow e = em.find(EndpointRow.class, id);
    if (e == null || !e.workspaceKey.equals(ws)) {
      throw new CreditsException(
          ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "no webhook endpoint " + id + " in " + ws);
    }
    return e;
  }

  private String checkUrl(URI url, List<FieldViolation> v) {
    if (url == null) {
      v.add(new FieldViolation("url", "is required"));
      return null;
    }
    String text = url.toString();
    if (text.length() > URL_MAX) {
      v.add(new FieldViolation("url", "must be at most " + URL_MAX + " characters"));
      return null;
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
      v.add(new FieldViolation("url", "must be an absolute https URL with a host"));
      return null;
    }
    if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
      v.add(new FieldViolation("url", "must not carry user info or a fragment"));
      return null;
    }
    if (scheme.equals("http")) {
      if (!settings.allowPlainHttp() && !loopback(url.getHost())) {
        v.add(
            new FieldViolation(
                "url", "must be https (plain http only to a loopback host unless configured)"));
        return null;
      }
    } else if (!scheme.equals("https")) {
      v.add(new FieldViolation("url", "must be an https URL, was " + scheme));
      return null;
    }
    return text;
  }

  private static boolean loopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      return false; // a name other than localhost: no DNS lookup at registration
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (IOException ex) {
      return false;
    }
  }

  private static Set<WebhookEventType> checkTypes(
      Set<WebhookEventType> types, List<FieldViolation> v) {
    if (types == null || types.isEmpty() || types.stream().anyMatch(Objects::isNull)) {
      v.add(new FieldViolation("eventTypes", "must name at least one event type"));
      return null;
    }
    return EnumSet.copyOf(types);
  }

  private static String checkDescription(String description, List<FieldViolation> v) {
    if (description == null) {
      return null;
    }
    if (description.length() > DESCRIPTION_MAX || Checks.hasControlChar(description)) {
      v.add(
          new FieldViolation(
              "description", "must be at most " + DESCRIPTION_MAX + " characters, no controls"));
      return null;
    }
    return description.strip();
  }

  private static void invalidIfAny(List<FieldViolation> v) {
    if (!v.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST, "invalid webhook endpoint: " + v, List.copyOf(v));
    }
  }

  private static String wire(Set<WebhookEventType> types) {
    return types.stream().map(WebhookEventType::wireName).sorted().collect(Collectors.joining(","));
  }

  static Set<WebhookEventType> types(String wire) {
    Set<WebhookEventType> out = EnumSet.noneOf(WebhookEventType.class);
    for (String name : wire.split(",")) {
      WebhookEventType.byWireName(name).ifPresent(out::add);
    }
    return out;
  }

  private static String[] decodeCursor(String cursor) {
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
    throw Checks.invalid("cursor", "is not a cursor of this list");
  }

  private static String truncate(String s) {
    return s.length() <= ERROR_MAX ? s : s.substring(0, ERROR_MAX - 1) + "…";
  }

  static WebhookEndpoint view(EndpointRow e) {
    return new WebhookEndpoint(
        e.id,
        e.workspaceKey,
        URI.create(e.url),
        types(e.eventTypes),
        e.description,
        e.status,
        Micros.toInstant(e.createdAt),
        Micros.toInstant(e.updatedAt),
        e.previousSecretUntil == null ? null : Micros.toInstant(e.previousSecretUntil),
        e.failingSince == null ? null : Micros.toInstant(e.failingSince),
        e.disabledAt == null ? null : Micros.toInstant(e.disabledAt),
        e.disabledReason);
  }

  static WebhookDelivery view(DeliveryRow d) {
    return new WebhookDelivery(
        d.id,
        d.endpointId,
        d.eventId,
        d.eventType,
        d.status,
        d.attempts,
        Micros.toInstant(d.createdAt),
        d.status == WebhookDeliveryStatus.PENDING ? Micros.toInstant(d.nextAttemptAt) : null,
        d.lastAttemptAt == null ? null : Micros.toInstant(d.lastAttemptAt),
        d.lastStatusCode,
        d.lastLatencyMillis,
        d.lastError,
        d.deliveredAt == null ? null : Micros.toInstant(d.deliveredAt));
  }
}
