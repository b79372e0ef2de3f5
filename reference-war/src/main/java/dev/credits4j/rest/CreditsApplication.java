package dev.credits4j.rest;

import dev.credits4j.rest.health.HealthResource;
import dev.credits4j.rest.http.RequestGuard;
import dev.credits4j.rest.http.SecurityHeaders;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.idempotency.RequestTransactions;
import dev.credits4j.rest.problem.ApiExceptionMapper;
import dev.credits4j.rest.problem.CreditsExceptionMapper;
import dev.credits4j.rest.problem.UnexpectedExceptionMapper;
import dev.credits4j.rest.problem.WebApplicationExceptionMapper;
import dev.credits4j.rest.resource.AllotmentsResource;
import dev.credits4j.rest.resource.ApiKeysResource;
import dev.credits4j.rest.resource.AutoTopUpResource;
import dev.credits4j.rest.resource.CatalogResource;
import dev.credits4j.rest.resource.HoldsResource;
import dev.credits4j.rest.resource.JobsResource;
import dev.credits4j.rest.resource.MembersResource;
import dev.credits4j.rest.resource.MetricsResource;
import dev.credits4j.rest.resource.NotificationsResource;
import dev.credits4j.rest.resource.OfferingsResource;
import dev.credits4j.rest.resource.OpenApiResource;
import dev.credits4j.rest.resource.OrganizationAllotmentsResource;
import dev.credits4j.rest.resource.OrganizationPurchasesResource;
import dev.credits4j.rest.resource.OrganizationRequestsResource;
import dev.credits4j.rest.resource.OrganizationResource;
import dev.credits4j.rest.resource.OrganizationStatementsResource;
import dev.credits4j.rest.resource.OrganizationStatisticsResource;
import dev.credits4j.rest.resource.OrganizationSubscriptionsResource;
import dev.credits4j.rest.resource.OrganizationsResource;
import dev.credits4j.rest.resource.PackagesResource;
import dev.credits4j.rest.resource.PaymentGatewaysResource;
import dev.credits4j.rest.resource.PurchasesResource;
import dev.credits4j.rest.resource.ReconciliationResource;
import dev.credits4j.rest.resource.ReportsResource;
import dev.credits4j.rest.resource.RequestsResource;
import dev.credits4j.rest.resource.SettingsResource;
import dev.credits4j.rest.resource.StatementsResource;
import dev.credits4j.rest.resource.StripeWebhookResource;
import dev.credits4j.rest.resource.SubscriptionsResource;
import dev.credits4j.rest.resource.TransfersResource;
import dev.credits4j.rest.resource.UsageBatchResource;
import dev.credits4j.rest.resource.WebhookEndpointsResource;
import dev.credits4j.rest.resource.WorkspacePurchasesResource;
import dev.credits4j.rest.resource.WorkspacesResource;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.ApiKeys;
import dev.credits4j.rest.security.JdbcWorkspaceMemberships;
import dev.credits4j.rest.session.SessionResource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The JAX-RS application of the reference WAR, rooted at {@code /api}; every resource lives under
 * {@code /api/v1}. On a Jakarta EE server the resources and providers are found by scanning the
 * WAR; {@link #components()} lists them for hosts that register classes themselves (the standalone
 * server). Roles: {@code admin}, {@code team}, {@code client}, each acting only in the workspaces
 * it is a member of, and the platform's {@code operator} (see docs/rest-api.md).
 */
@ApplicationPath("/api")
@DeclareRoles({"admin", "team", "client", "operator"})
public class CreditsApplication extends Application {

  /**
   * The API's CDI beans other than its resources (authorization, memberships, API keys, HTTP
   * idempotency), for hosts that run it in a CDI container without bean discovery, beside the SDK's
   * ({@code Credits4j.cdiBeanClasses()}).
   */
  public static Set<Class<?>> beans() {
    return Set.of(
        Access.class,
        JdbcWorkspaceMemberships.class,
        ApiKeys.class,
        Idempotency.class,
        RequestTransactions.class);
  }

  /** The API's resources and exception mappers. */
  public static Set<Class<?>> components() {
    return Set.of(
        WorkspacesResource.class,
        SettingsResource.class,
        MembersResource.class,
        ApiKeysResource.class,
        PackagesResource.class,
        CatalogResource.class,
        OfferingsResource.class,
        OrganizationsResource.class,
        OrganizationResource.class,
        UsageBatchResource.class,
        OrganizationPurchasesResource.class,
        OrganizationRequestsResource.class,
        OrganizationStatisticsResource.class,
        PurchasesResource.class,
        WorkspacePurchasesResource.class,
        PaymentGatewaysResource.class,
        RequestsResource.class,
        HoldsResource.class,
        OrganizationAllotmentsResource.class,
        AllotmentsResource.class,
        AutoTopUpResource.class,
        OrganizationSubscriptionsResource.class,
        SubscriptionsResource.class,
        OrganizationStatementsResource.class,
        StatementsResource.class,
        TransfersResource.class,
        JobsResource.class,
        NotificationsResource.class,
        WebhookEndpointsResource.class,
        ReportsResource.class,
        ReconciliationResource.class,
        SessionResource.class,
        HealthResource.class,
        OpenApiResource.class,
        MetricsResource.class,
        StripeWebhookResource.class,
        RequestGuard.class,
        SecurityHeaders.class,
        CreditsExceptionMapper.class,
        ApiExceptionMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedExceptionMapper.class);
  }
}
