package dev.credits4j.catalog;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageFilter;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PackagePricing;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/** The credit-package catalog over JPA; see {@link PackageCatalog}. */
@ApplicationScoped
public class DefaultPackageCatalog implements PackageCatalog {
  /** Featured first, then sort order, then name, then creation: the same on every database. */
  static final Comparator<CreditPackageView> CATALOG_ORDER =
      Comparator.comparing((CreditPackageView p) -> !p.featured())
          .thenComparingInt(CreditPackageView::sortOrder)
          .thenComparing(CreditPackageView::name, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(CreditPackageView::name)
          .thenComparing(p -> p.id().value());

  /** Smallest total first, then cheapest, then catalog order. */
  static final Comparator<CreditPackageView> SUGGESTION_ORDER =
      Comparator.comparing(CreditPackageView::totalCredits)
          .thenComparing(p -> p.price().getNumber().numberValue(BigDecimal.class))
          .thenComparing(CATALOG_ORDER);

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultPackageCatalog() {}

  @Inject
  public DefaultPackageCatalog(CreditsContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public CreditPackageView create(String workspace, PackageRequest request) {
    return ctx.transactions()
        .inTransaction(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              ValidPackage valid = PackageValidation.validate(request, ws);
              Instant now = ctx.now();
              CreditPackage p = new CreditPackage(Ids.newId(), ws.getKey(), now);
              p.apply(valid, now);
              em.persist(p);
              return view(p, ws);
            });
  }

  @Override
  public CreditPackageView update(String workspace, PackageId id, PackageRequest request) {
    return ctx.transactions()
        .inTransaction(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              CreditPackage p = requirePackage(em, ws, id);
              ValidPackage valid = PackageValidation.validate(request, ws);
              p.apply(valid, ctx.now());
              return view(p, ws);
            });
  }

  @Override
  public CreditPackageView deactivate(String workspace, PackageId id) {
    return ctx.transactions()
        .inTransaction(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              CreditPackage p = requirePackage(em, ws, id);
              if (p.isActive()) {
                p.deactivate(ctx.now());
              }
              return view(p, ws);
            });
  }

  @Override
  public CreditPackageView get(String workspace, PackageId id) {
    return ctx.transactions()
        .read(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              return view(requirePackage(em, ws, id), ws);
            });
  }

  @Override
  public List<CreditPackageView> list(String workspace, PackageFilter filter) {
    Checks.required("filter", filter);
    return ctx.transactions()
        .read(
            em -> {
              Workspace ws = WorkspaceReads.require(em, workspace);
              String jpql = "select p from CreditPackage p where p.workspaceKey = :ws";
              if (filter != PackageFilter.ALL) {
                jpql += " and p.active = :active";
              }
              var query = em.createQuery(jpql, CreditPackage.class).setParameter("ws", ws.getKey());
              if (filter != PackageFilter.ALL) {
                query.setParameter("active", filter == PackageFilter.ACTIVE);
              }
              return query.getResultList().stream()
                  .map(p -> view(p, ws))
                  .sorted(CATALOG_ORDER)
                  .toList();
            });
  }

  @Override
  public List<CreditPackageView> clientCatalog(String workspace, Instant asOf) {
    Instant at = asOf == null ? ctx.now() : Micros.truncate(asOf);
    return ctx.transactions().read(em -> listed(em, workspace, at));
  }

  @Override
  public List<CreditPackageView> suggestFor(String workspace, BigDecimal shortfall, Instant asOf) {
    BigDecimal needed =
        CreditAmounts.requirePositive("shortfall", shortfall, CreditAmounts.STORAGE_SCALE);
    Instant at = asOf == null ? ctx.now() : Micros.truncate(asOf);
    return ctx.transactions()
        .read(
            em ->
                listed(em, workspace, at).stream()
                    .filter(p -> p.totalCredits().compareTo(needed) >= 0)
                    .sorted(SUGGESTION_ORDER)
                    .toList());
  }

  /** The client catalog at {@code at}, in catalog order. */
  private List<CreditPackageView> listed(EntityManager em, String workspace, Instant at) {
    Workspace ws = WorkspaceReads.require(em, workspace);
    if (!ws.isCreditsEnabled()) {
      throw new CreditsException(
          ErrorCode.MODULE_DISABLED,
          "the credits module is disabled in workspace '" + ws.getKey() + "'");
    }
    if (!ctx.featureGate().creditsAllowed(ws.getKey())) {
      throw new CreditsException(
          ErrorCode.MODULE_DISABLED,
          "workspace '" + ws.getKey() + "' is not allowed to use credits on its plan");
    }
    Long micros = Micros.of(at);
    return em
        .createQuery(
            "select p from CreditPackage p where p.workspaceKey = :ws and p.active = :yes"
                + " and p.shownInCatalog = :yes and p.currency = :currency"
                + " and (p.promotionStartsAt is null or p.promotionStartsAt <= :at)"
                + " and (p.promotionEndsAt is null or p.promotionEndsAt > :at)",
            CreditPackage.class)
        .setParameter("ws", ws.getKey())
        .setParameter("yes", true)
        .setParameter("currency", ws.getCurrency())
        .setParameter("at", micros)
        .getResultList()
        .stream()
        .map(p -> view(p, ws))
        .sorted(CATALOG_ORDER)
        .toList();
  }

  /** The package, if it belongs to the workspace; another workspace's is as unknown as none. */
  private static CreditPackage requirePackage(EntityManager em, Workspace ws, PackageId id) {
    Checks.required("packageId", id);
    CreditPackage p = em.find(CreditPackage.class, id.toString());
    if (p == null || !p.getWorkspaceKey().equals(ws.getKey())) {
      throw new CreditsException(
          ErrorCode.PACKAGE_NOT_FOUND,
          "no credit package " + id + " in workspace '" + ws.getKey() + "'");
    }
    return p;
  }

  static CreditPackageView view(CreditPackage p, Workspace ws) {
    CurrencyUnit currency = Monetary.getCurrency(p.getCurrency());
    MonetaryAmount price = Money.of(p.getPrice(), currency);
    BigDecimal total = CreditAmounts.normalize(p.getCredits().add(p.getBonusCredits()));
    BigDecimal discount = null;
    if (p.getCurrency().equals(ws.getCurrency())) {
      discount =
          PackagePricing.discountPercent(price, total, Money.of(ws.getBaseCreditRate(), currency));
    }
    return new CreditPackageView(
        PackageId.of(p.getId()),
        p.getWorkspaceKey(),
        p.getName(),
        p.getDescription(),
        p.getCredits(),
        p.getBonusCredits(),
        total,
        price,
        PackagePricing.pricePerCredit(price, total),
        PackagePricing.costBasisPerCredit(price, total),
        discount,
        p.getExpiryDays(),
        p.getRollover(),
        p.isActive(),
        p.isFeatured(),
        p.isShownInCatalog(),
        p.getPromotionStartsAt(),
        p.getPromotionEndsAt(),
        p.getPurchaseLimit(),
        p.getSortOrder(),
        p.getCreatedAt(),
        p.getUpdatedAt());
  }
}
