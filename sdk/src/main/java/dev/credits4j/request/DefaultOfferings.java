package dev.credits4j.request;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.OfferingFilter;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import javax.money.Monetary;
import org.javamoney.moneta.Money;

/** Offerings over JPA; see {@link Offerings}. */
@ApplicationScoped
public class DefaultOfferings implements Offerings {
  static final Comparator<OfferingView> BY_NAME =
      Comparator.comparing(OfferingView::name, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(OfferingView::name)
          .thenComparing(o -> o.id().value());

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultOfferings() {}

  @Inject
  public DefaultOfferings(CreditsContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public OfferingView create(String workspace, OfferingRequest request) {
    return ctx.transactions()
        .inTransaction(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              ValidOffering valid = OfferingValidation.validate(request, ws);
              Instant now = ctx.now();
              Offering o = new Offering(Ids.newId(), ws.getKey(), now);
              o.apply(valid, now);
              em.persist(o);
              return view(o);
            });
  }

  @Override
  public OfferingView update(String workspace, OfferingId id, OfferingRequest request) {
    return ctx.transactions()
        .inTransaction(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              Offering o = requireOffering(em, ws.getKey(), id);
              o.apply(OfferingValidation.validate(request, ws), ctx.now());
              return view(o);
            });
  }

  @Override
  public OfferingView deactivate(String workspace, OfferingId id) {
    return ctx.transactions()
        .inTransaction(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              Offering o = requireOffering(em, ws.getKey(), id);
              if (o.isActive()) {
                o.deactivate(ctx.now());
              }
              return view(o);
            });
  }

  @Override
  public OfferingView get(String workspace, OfferingId id) {
    return ctx.transactions()
        .read(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              return view(requireOffering(em, ws.getKey(), id));
            });
  }

  @Override
  public List<OfferingView> list(String workspace, OfferingFilter filter) {
    Checks.required("filter", filter);
    boolean activeOnly = filter == OfferingFilter.ACTIVE;
    return ctx.transactions()
        .read(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              String jpql = "select o from Offering o where o.workspaceKey = :ws";
              if (activeOnly) {
                jpql += " and o.active = :yes";
              }
              var query = em.createQuery(jpql, Offering.class).setParameter("ws", ws.getKey());
              if (activeOnly) {
                query.setParameter("yes", true);
              }
              return query.getResultList().stream()
                  .map(DefaultOfferings::view)
                  .sorted(BY_NAME)
                  .toList();
            });
  }

  /** The offering, if it belongs to the workspace; another workspace's is as unknown as none. */
  static Offering requireOffering(EntityManager em, String workspace, OfferingId id) {
    Checks.required("offeringId", id);
    Offering o = em.find(Offering.class, id.toString());
    if (o == null || !o.getWorkspaceKey().equals(workspace)) {
      throw new CreditsException(
          ErrorCode.OFFERING_NOT_FOUND, "no offering " + id + " in workspace '" + workspace + "'");
    }
    return o;
  }

  static OfferingView view(Offering o) {
    return new OfferingView(
        OfferingId.of(o.getId()),
        o.getWorkspaceKey(),
        o.getName(),
        o.getDescription(),
        o.getPricingType(),
        o.getCreditsPerUnit(),
        o.getUnitSize(),
        o.getUnitLabel(),
        o.getPrice() == null ? null : Money.of(o.getPrice(), Monetary.getCurrency(o.getCurrency())),
        o.getConcurrentLimit(),
        o.getTotalLimit(),
        o.isActive(),
        o.isEstimated(),
        o.getHoldTimeout(),
        o.isReverseOnCancel(),
        o.getDeliveryNotes(),
        o.getCreatedAt(),
        o.getUpdatedAt(),
        o.getServiceType(),
        o.getPeriod());
  }
}
