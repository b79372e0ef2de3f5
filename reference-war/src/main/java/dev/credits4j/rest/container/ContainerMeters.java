package dev.credits4j.rest.container;

import dev.credits4j.allotment.DefaultAllotments;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.NotificationOutbox;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.Organizations;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.Promotions;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Reports;
import dev.credits4j.api.ServiceRequests;
import dev.credits4j.api.Statements;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.expiry.DefaultExpirySweep;
import dev.credits4j.internal.TransactionEvents;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.DefaultOrganizations;
import dev.credits4j.metrics.CreditsObservability;
import dev.credits4j.notify.DefaultExpiryWarnings;
import dev.credits4j.notify.DefaultNotificationDispatcher;
import dev.credits4j.notify.DefaultNotificationOutbox;
import dev.credits4j.promotion.DefaultPromotions;
import dev.credits4j.purchase.DefaultPurchases;
import dev.credits4j.report.DefaultReports;
import dev.credits4j.request.DefaultOfferings;
import dev.credits4j.request.DefaultServiceRequests;
import dev.credits4j.rest.metrics.ApiMeters;
import dev.credits4j.statement.DefaultStatements;
import dev.credits4j.subscription.DefaultSubscriptions;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * The SDK's meters in the WAR on an application server ({@code GET /api/v1/metrics}, Prometheus
 * text format, operators only): a Micrometer Prometheus registry the WAR carries and creates here,
 * with the JVM's meters, and every SDK service the resources and the jobs call observed into it.
 *
 * <p>Plain CDI, no portable extension: each service interface ({@code CreditLedger}, {@code
 * Workspaces}, ...) is produced here wrapping the SDK's implementation bean in {@link
 * CreditsObservability#observe}, and the producers are a globally enabled alternative
 * ({@code @Priority}), so they win over the implementations wherever the interface is injected (the
 * SDK's own beans included: a call one service makes to another is counted under both). The retries
 * of the SDK's transactions reach the registry through the {@link TransactionEvents} bean, which
 * the SDK's {@code CdiWiring} (and the JTA mode's own transactions) take. The standalone server
 * wires its registry itself and does not use this class.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class ContainerMeters {
  private final ApiMeters meters = ApiMeters.withJvmMeters();
  private final CreditsObservability observability =
      CreditsObservability.of(null, meters.registry());

  /** The registry {@code GET /api/v1/metrics} reads. */
  @Produces
  @Dependent
  ApiMeters meters() {
    return meters;
  }

  /** The retries of the SDK's transactions, into the registry. */
  @Produces
  @Dependent
  TransactionEvents transactionEvents() {
    return observability.transactionEvents();
  }

  @Produces
  @ApplicationScoped
  Allotments allotments(DefaultAllotments impl) {
    return observability.observe(Allotments.class, impl);
  }

  @Produces
  @ApplicationScoped
  PackageCatalog packageCatalog(DefaultPackageCatalog impl) {
    return observability.observe(PackageCatalog.class, impl);
  }

  @Produces
  @ApplicationScoped
  ExpirySweep expirySweep(DefaultExpirySweep impl) {
    return observability.observe(ExpirySweep.class, impl);
  }

  @Produces
  @ApplicationScoped
  CreditLedger creditLedger(DefaultCreditLedger impl) {
    return observability.observe(CreditLedger.class, impl);
  }

  @Produces
  @ApplicationScoped
  Organizations organizations(DefaultOrganizations impl) {
    return observability.observe(Organizations.class, impl);
  }

  @Produces
  @ApplicationScoped
  ExpiryWarnings expiryWarnings(DefaultExpiryWarnings impl) {
    return observability.observe(ExpiryWarnings.class, impl);
  }

  @Produces
  @ApplicationScoped
  NotificationDispatcher notificationDispatcher(DefaultNotificationDispatcher impl) {
    return observability.observe(NotificationDispatcher.class, impl);
  }

  @Produces
  @ApplicationScoped
  NotificationOutbox notificationOutbox(DefaultNotificationOutbox impl) {
    return observability.observe(NotificationOutbox.class, impl);
  }

  @Produces
  @ApplicationScoped
  Promotions promotions(DefaultPromotions impl) {
    return observability.observe(Promotions.class, impl);
  }

  @Produces
  @ApplicationScoped
  Purchases purchases(DefaultPurchases impl) {
    return observability.observe(Purchases.class, impl);
  }

  @Produces
  @ApplicationScoped
  Reports reports(DefaultReports impl) {
    return observability.observe(Reports.class, impl);
  }

  @Produces
  @ApplicationScoped
  Offerings offerings(DefaultOfferings impl) {
    return observability.observe(Offerings.class, impl);
  }

  @Produces
  @ApplicationScoped
  ServiceRequests serviceRequests(DefaultServiceRequests impl) {
    return observability.observe(ServiceRequests.class, impl);
  }

  @Produces
  @ApplicationScoped
  Statements statements(DefaultStatements impl) {
    return observability.observe(Statements.class, impl);
  }

  @Produces
  @ApplicationScoped
  Subscriptions subscriptions(DefaultSubscriptions impl) {
    return observability.observe(Subscriptions.class, impl);
  }

  @Produces
  @ApplicationScoped
  Workspaces workspaces(DefaultWorkspaces impl) {
    return observability.observe(Workspaces.class, impl);
  }

  @jakarta.annotation.PreDestroy
  void close() {
    meters.close();
  }
}
