package dev.credits4j.request;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.CostPreview;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PricingType;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.RequestStatus;
import dev.credits4j.api.ServiceRequestId;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.Suggestions;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.Ids;
import dev.credits4j.ledger.LockedWallet;
import dev.credits4j.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.money.Monetary;
import org.javamoney.moneta.Money;

/**
 * Service requests over JPA; see {@link ServiceRequests}. Every change runs in one transaction that
 * first locks the request's wallet ({@link LockedWallet}): the lock serialises the limit counts,
 * the debit and the status change of everything that wallet's organization requests.
 */
@ApplicationScoped
public class DefaultServiceRequests implements ServiceRequests {
  private static final int MAX_NOTES = ServiceRequestView.MAX_NOTES_LENGTH;
  private static final int MAX_REASON = ServiceRequestView.MAX_REASON_LENGTH;
  private static final String CREATE = "service-request";
  private static final List<RequestStatus> OPEN =
      List.of(RequestStatus.OPEN, RequestStatus.IN_PROGRESS);

  private CreditsContext ctx;
  private PackageCatalog catalog;

  /** For CDI's client proxies only. */
  protected DefaultServiceRequests() {}

  @Inject
  public DefaultServiceRequests(CreditsContext ctx, PackageCatalog catalog) {
    this.ctx = ctx;
    this.catalog = catalog;
  }

  // ---------------------------------------------------------------- create and preview

  @Override
  public ServiceRequestView create(NewServiceRequest r) {
    Checks.required("request", r);
    WalletRef ref = Checks.required("wallet", r.wallet());
    OfferingId offeringId = Checks.required("offering", r.offering());
    Actor actor = Checks.required("actor", r.actor());
    BigDecimal units = OfferingValidation.units("units", r.units());
    String notes = Checks.optionalText("notes", r.notes(), MAX_NOTES);
    String key = Checks.idempotencyKey(r.idempotencyKey());
    String fp =
        Fingerprint.of(CREATE).add(offeringId.toString()).add(units).add(notes).add(actor).hex();
    return suggestingPackages(
        ref.workspace(),
        () ->
            ctx.transactions()
                .inTransaction(
                    em -> {
                      LockedWallet w = LockedWallet.lock(em, ctx, ref);
                      Offering o =
                          DefaultOfferings.requireOffering(em, ref.workspace(), offeringId);
                      Optional<String> first = w.replay(key, CREATE, fp);
                      if (first.isPresent()) {
                        return view(em.find(ServiceRequest.class, first.get()), o, w.ref());
                      }
                      if (!o.isActive()) {
                        throw new CreditsException(
                            ErrorCode.OFFERING_INACTIVE,
                            "offering '" + o.getName() + "' is not active");
                      }
                      requireOneTime(o);
                      checkLimits(em, w, o);
                      String id = Ids.newId();
                      ServiceRequest sr;
                      if (o.getPricingType() == PricingType.CREDIT_BASED) {
                        BigDecimal credits =
                            OfferingPricing.cost(
                                o.getUnitSize(),
                                o.getCreditsPerUnit(),
                                units,
                                w.workspace().getCreditScale());
                        sr =
                            new ServiceRequest(
                                id, w.id(), o, units, credits, notes, actor, w.now());
                        References refs = References.request(o.getId(), id);
                        String description = "Service request: " + o.getName();
                        if (o.isEstimated()) {
                          HoldView h =
                              w.hold(credits, o.getHoldTimeout(), description, refs, actor);
                          sr.held(h.id().toString());
                        } else {
                          LedgerEntryView e = w.consume(credits, description, refs, actor);
                          sr.charged(e.id().toString());
                        }
                      } else {
                        sr =
                            new ServiceRequest(
                                id, w.id(), o, units, CreditAmounts.ZERO, notes, actor, w.now());
                      }
                      em.persist(sr);
                      event(em, w, sr, o, NotificationType.REQUEST_CREATED);
                      w.remember(key, CREATE, fp, id);
                      return view(sr, o, w.ref());
                    }));
  }

  /** Refuses a request that would break the offering's concurrent or total limit. */
  private static void checkLimits(EntityManager em, LockedWallet w, Offering o) {
    if (o.getConcurrentLimit() != null) {
      long open =
          em.createQuery(
                  "select count(r) from ServiceRequest r where r.walletId = :w"
                      + " and r.offeringId = :o and r.status in :open",
                  Long.class)
              .setParameter("w", w.id())
              .setParameter("o", o.getId())
              .setParameter("open", OPEN)
              .getSingleResult();
      if (open >= o.getConcurrentLimit()) {
        throw new CreditsException(
            ErrorCode.REQUEST_LIMIT_REACHED,
            "organization '"
                + w.ref().organization()
                + "' already has "
                + open
                + " open request"
                + (open == 1 ? "" : "s")
                + " for '"
                + o.getName()
                + "', which allows "
                + o.getConcurrentLimit()
                + " at a time");
      }
    }
    if (o.getTotalLimit() != null) {
      long made =
          em.createQuery(
                  "select count(r) from ServiceRequest r where r.walletId = :w"
                      + " and r.offeringId = :o and r.status <> :canceled",
                  Long.class)
              .setParameter("w", w.id())
              .setParameter("o", o.getId())
              .setParameter("canceled", RequestStatus.CANCELED)
              .getSingleResult();
      if (made >= o.getTotalLimit()) {
        throw new CreditsException(
            ErrorCode.TOTAL_REQUEST_LIMIT_REACHED,
            "organization '"
                + w.ref().organization()
                + "' has made "
                + made
                + " of the "
                + o.getTotalLimit()
                + " requests '"
                + o.getName()
                + "' allows");
      }
    }
  }

  @Override
  public CostPreview preview(WalletRef ref, OfferingId offeringId, BigDecimal units) {
    Checks.required("wallet", ref);
    Checks.required("offering", offeringId);
    BigDecimal checked = OfferingValidation.units("units", units);
    CostPreview preview =
        ctx.transactions()
            .read(
                em -> {
                  LockedWallet w = LockedWallet.lockShared(em, ctx, ref);
                  Offering o = DefaultOfferings.requireOffering(em, ref.workspace(), offeringId);
                  if (!o.isActive()) {
                    throw new CreditsException(
                        ErrorCode.OFFERING_INACTIVE,
                        "offering '" + o.getName() + "' is not active");
                  }
                  requireOneTime(o);
                  if (o.getPricingType() == PricingType.STANDARD) {
                    return new CostPreview(
                        w.ref(),
                        offeringId,
                        checked,
                        /* credits= */ CreditAmounts.ZERO,
                        Money.of(o.getPrice(), Monetary.getCurrency(o.getCurrency())),
                        w.balance(),
                        w.available(),
                        /* affordable= */ true,
                        /* shortfall= */ CreditAmounts.ZERO,
                        /* suggestedPackages= */ List.of());
                  }
                  BigDecimal credits =
                      OfferingPricing.cost(
                          o.getUnitSize(),
                          o.getCreditsPerUnit(),
                          checked,
                          w.workspace().getCreditScale());
                  BigDecimal available = o.isEstimated() ? w.free() : w.spendable();
                  BigDecimal shortfall = credits.subtract(available).max(CreditAmounts.ZERO);
                  return new CostPreview(
                      w.ref(),
                      offeringId,
                      checked,
                      credits,
                      /* price= */ null,
                      w.balance(),
                      available,
                      /* affordable= */ shortfall.signum() == 0,
                      CreditAmounts.normalize(shortfall),
                      /* suggestedPackages= */ List.of());
                });
    if (preview.affordable()) {
      return preview;
    }
    return new CostPreview(
        preview.wallet(),
        preview.offering(),
        preview.units(),
        preview.credits(),
        preview.price(),
        preview.balance(),
        preview.available(),
        preview.affordable(),
        preview.shortfall(),
        Suggestions.covering(catalog, ref.workspace(), preview.shortfall(), ctx.now()));
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public ServiceRequestView start(WalletRef ref, ServiceRequestId id, Actor actor) {
    requireTeam(actor, "start");
    return change(
        ref,
        id,
        (em, w, sr, o) -> {
          if (sr.getStatus() != RequestStatus.OPEN) {
            throw transition(sr, "started");
          }
          sr.start(w.now());
          return sr;
        });
  }

  @Override
  public ServiceRequestView deliver(
      WalletRef ref, ServiceRequestId id, BigDecimal actualUnits, Actor actor) {
    requireTeam(actor, "deliver");
    BigDecimal actual =
        actualUnits == null ? null : OfferingValidation.units("actualUnits", actualUnits);
    return suggestingPackages(
        ref.workspace(),
        () ->
            change(
                ref,
                id,
                (em, w, sr, o) -> {
                  if (!sr.getStatus().isOpen()) {
                    throw transition(sr, "delivered");
                  }
                  if (!sr.isEstimated()) {
                    if (actual != null) {
                      throw Checks.invalid(
                          "actualUnits", "applies to requests of estimated offerings only");
                    }
                    sr.deliver(w.now(), sr.getCredits(), null);
                    event(em, w, sr, o, NotificationType.REQUEST_DELIVERED);
                    return sr;
                  }
                  BigDecimal credits =
                      actual == null
                          ? sr.getCredits()
                          : OfferingPricing.cost(
                              sr.getUnitSize(),
                              sr.getCreditsPerUnit(),
                              actual,
                              w.workspace().getCreditScale());
                  HoldId hold = HoldId.of(sr.getHoldId());
                  String description = "Service request delivered: " + o.getName();
                  String usage;
                  if (w.holdStatus(hold) == HoldStatus.ACTIVE) {
                    usage = w.capture(hold, credits, description, actor).entry().id().toString();
                  } else {
                    // The hold timed out: the real cost is debited like any other usage.
                    usage =
                        w.consume(
                                credits,
                                description,
                                References.request(o.getId(), sr.getId()),
                                actor)
                            .id()
                            .toString();
                  }
                  sr.deliver(w.now(), credits, usage);
                  event(em, w, sr, o, NotificationType.REQUEST_DELIVERED);
                  return sr;
                }));
  }

  @Override
  public ServiceRequestView cancel(WalletRef ref, ServiceRequestId id, String reason, Actor actor) {
    Checks.required("actor", actor);
    String why = Checks.optionalText("reason", reason, MAX_REASON);
    return change(
        ref,
        id,
        (em, w, sr, o) -> {
          if (!sr.getStatus().isOpen()) {
            throw transition(sr, "cancelled");
          }
          if (actor.type() == ActorType.CLIENT && sr.getStatus() != RequestStatus.OPEN) {
            throw new CreditsException(
                ErrorCode.ACTOR_NOT_ALLOWED,
                "a client may cancel only an OPEN request; request "
                    + sr.getId()
                    + " is "
                    + sr.getStatus());
          }
          String reversal = null;
          String description = why == null ? "Cancelled: " + o.getName() : why;
          if (sr.getHoldId() != null) {
            HoldId hold = HoldId.of(sr.getHoldId());
            if (w.holdStatus(hold) == HoldStatus.ACTIVE) {
              w.release(hold, actor);
            }
          } else if (sr.getUsageEntryId() != null
              && sr.getStatus() == RequestStatus.OPEN
              && o.isReverseOnCancel()) {
            reversal = reverse(w, sr, description, actor);
          }
          sr.cancel(w.now(), why, reversal);
          event(em, w, sr, o, NotificationType.REQUEST_CANCELED);
          return sr;
        });
  }

  // ---------------------------------------------------------------- reads

  @Override
  public ServiceRequestView get(WalletRef ref, ServiceRequestId id) {
    Checks.required("wallet", ref);
    Checks.required("requestId", id);
    return ctx.transactions()
        .read(
            em -> {
              LockedWallet w = LockedWallet.lockShared(em, ctx, ref);
              ServiceRequest sr = requireRequest(em, w, id);
              return view(sr, em.find(Offering.class, sr.getOfferingId()), w.ref());
            });
  }

  @Override
  public ServiceRequestView get(String workspace, ServiceRequestId id) {
    Checks.required("workspace", workspace);
    Checks.required("requestId", id);
    ServiceRequestView found =
        ctx.transactions()
            .read(
                em -> {
                  ServiceRequest sr = em.find(ServiceRequest.class, id.toString());
                  WalletRef ref = sr == null ? null : LockedWallet.refOf(em, sr.getWalletId());
                  if (ref == null || !ref.workspace().equals(workspace)) {
                    return null;
                  }
                  return view(sr, em.find(Offering.class, sr.getOfferingId()), ref);
                });
    if (found == null) {
      throw new CreditsException(
          ErrorCode.REQUEST_NOT_FOUND, "no service request " + id + " in workspace " + workspace);
    }
    return found;
  }

  @Override
  public List<ServiceRequestView> list(WalletRef ref, RequestStatus status) {
    Checks.required("wallet", ref);
    return ctx.transactions()
        .read(
            em -> {
              LockedWallet w = LockedWallet.lockShared(em, ctx, ref);
              String jpql = "select r from ServiceRequest r where r.walletId = :w";
              if (status != null) {
                jpql += " and r.status = :s";
              }
              var query =
                  em.createQuery(jpql + " order by r.id desc", ServiceRequest.class)
                      .setParameter("w", w.id());
              if (status != null) {
                query.setParameter("s", status);
              }
              Map<String, Offering> offerings = new HashMap<>();
              return query.getResultList().stream()
                  .map(
                      sr ->
                          view(
                              sr,
                              offerings.computeIfAbsent(
                                  sr.getOfferingId(), oid -> em.find(Offering.class, oid)),
                              w.ref()))
                  .toList();
            });
  }

  // ---------------------------------------------------------------- helpers

  /** A change to one request under its wallet's lock. */
  @FunctionalInterface
  private interface Change {
    ServiceRequest apply(EntityManager em, LockedWallet w, ServiceRequest sr, Offering o);
  }

  private ServiceRequestView change(WalletRef ref, ServiceRequestId id, Change change) {
    Checks.required("wallet", ref);
    Checks.required("requestId", id);
    return ctx.transactions()
        .inTransaction(
            em -> {
              LockedWallet w = LockedWallet.lock(em, ctx, ref);
              ServiceRequest sr = requireRequest(em, w, id);
              Offering o = em.find(Offering.class, sr.getOfferingId());
              return view(change.apply(em, w, sr, o), o, w.ref());
            });
  }

  /**
   * Writes the request's {@code type} notification into the outbox, in the transaction of the
   * change it reports: webhooks deliver it as {@code request.created}, {@code .delivered} or {@code
   * .canceled}. Its entry is the cancellation's reversal, else the request's usage debit.
   */
  private static void event(
      EntityManager em, LockedWallet w, ServiceRequest sr, Offering o, NotificationType type) {
    Outbox.draft(type, w.ref(), w.id(), w.now())
        .credits(sr.getCredits())
        .entry(sr.getReversalEntryId() != null ? sr.getReversalEntryId() : sr.getUsageEntryId())
        .data("requestId", sr.getId())
        .data("offeringId", sr.getOfferingId())
        .data("offeringName", o.getName())
        .data("units", sr.getUnits())
        .data("status", sr.getStatus())
        .data("holdId", sr.getHoldId())
        .data("reason", sr.getCancelReason())
        .writeTo(em);
  }

  /**
   * Gives a cancelled request's credits back; null when the team already reversed its whole debit
   * through the ledger (nothing is left to give back).
   */
  private static String reverse(
      LockedWallet w, ServiceRequest sr, String description, Actor actor) {
    try {
      return w.reverse(
              EntryId.of(sr.getUsageEntryId()), ReasonCode.CANCELLATION, description, actor)
          .id()
          .toString();
    } catch (CreditsException e) {
      if (e.code() == ErrorCode.ALREADY_REVERSED) {
        return null;
      }
      throw e;
    }
  }

  private static ServiceRequest requireRequest(
      EntityManager em, LockedWallet w, ServiceRequestId id) {
    ServiceRequest sr = em.find(ServiceRequest.class, id.toString());
    if (sr == null || !sr.getWalletId().equals(w.id())) {
      throw new CreditsException(
          ErrorCode.REQUEST_NOT_FOUND, "no service request " + id + " for wallet " + w.ref());
    }
    return sr;
  }

  private static void requireTeam(Actor actor, String what) {
    Checks.required("actor", actor);
    Checks.requireStaff(actor, what + " a service request");
  }

  private static CreditsException transition(ServiceRequest sr, String what) {
    return new CreditsException(
        ErrorCode.INVALID_REQUEST_TRANSITION,
        "service request " + sr.getId() + " is " + sr.getStatus() + " and cannot be " + what);
  }

  /** Runs {@code work}; an insufficient-credits failure gains the packages that would cover it. */
  /** A recurring offering is subscribed to, never requested one use at a time. */
  private static void requireOneTime(Offering o) {
    if (o.isRecurring()) {
      throw new CreditsException(
          ErrorCode.OFFERING_RECURRING,
          "offering '" + o.getName() + "' is recurring: subscribe to it instead of requesting it",
          List.of(new FieldViolation("offeringId", "is a RECURRING offering")));
    }
  }

  private <T> T suggestingPackages(String workspace, Supplier<T> work) {
    return Suggestions.onShortfall(catalog, workspace, ctx::now, work);
  }

  static ServiceRequestView view(ServiceRequest sr, Offering o, WalletRef ref) {
    return new ServiceRequestView(
        ServiceRequestId.of(sr.getId()),
        ref,
        OfferingId.of(sr.getOfferingId()),
        o.getName(),
        sr.getPricingType(),
        sr.getUnits(),
        sr.getCredits(),
        sr.getPrice() == null
            ? null
            : Money.of(sr.getPrice(), Monetary.getCurrency(sr.getCurrency())),
        /* invoicedElsewhere= */ sr.getPricingType() == PricingType.STANDARD,
        sr.isEstimated(),
        sr.getStatus(),
        sr.getNotes(),
        sr.getUsageEntryId() == null ? null : EntryId.of(sr.getUsageEntryId()),
        sr.getHoldId() == null ? null : HoldId.of(sr.getHoldId()),
        sr.getReversalEntryId() == null ? null : EntryId.of(sr.getReversalEntryId()),
        sr.getCreatedBy(),
        sr.getCreatedAt(),
        sr.getStartedAt(),
        sr.getDeliveredAt(),
        sr.getCanceledAt());
  }
}
