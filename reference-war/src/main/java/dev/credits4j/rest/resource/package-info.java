/**
 * The API's JAX-RS resources under {@code /api/v1}, one request-scoped class per resource path:
 * each authorizes the caller ({@link dev.credits4j.rest.security.Access}), reads and validates the
 * body, calls the SDK's services ({@code CreditLedger}, {@code Purchases}, {@code Reports}, ...)
 * and answers with DTOs, every POST through {@link dev.credits4j.rest.idempotency.Idempotency}.
 * Workspace-wide resources ({@link dev.credits4j.rest.resource.WorkspacesResource}, {@link
 * dev.credits4j.rest.resource.SettingsResource}, {@link
 * dev.credits4j.rest.resource.MembersResource}, {@link
 * dev.credits4j.rest.resource.ApiKeysResource}, {@link
 * dev.credits4j.rest.resource.PackagesResource}, {@link
 * dev.credits4j.rest.resource.ReportsResource}, {@link dev.credits4j.rest.resource.JobsResource},
 * ...) sit beside one organization's ({@link dev.credits4j.rest.resource.OrganizationResource} and
 * the other {@code Organization...Resource} classes) and single items by id ({@link
 * dev.credits4j.rest.resource.PurchasesResource}, {@link
 * dev.credits4j.rest.resource.HoldsResource}, {@link dev.credits4j.rest.resource.RequestsResource},
 * ...); {@link dev.credits4j.rest.resource.OpenApiResource}, {@link
 * dev.credits4j.rest.resource.MetricsResource} and {@link
 * dev.credits4j.rest.resource.StripeWebhookResource} need no workspace. {@code Params} and {@code
 * PrincipalNames} parse query parameters, path ids and principal names strictly.
 *
 * <p>Owns no tables: the SDK's services and the WAR's {@code security} and {@code idempotency} keep
 * the data. Uses {@code api}, {@code report} ({@code CsvExports}), {@code purchase.stripe}
 * (Stripe's webhooks) and the WAR's {@code dto}, {@code json}, {@code problem}, {@code security},
 * {@code idempotency} and {@code metrics}. Used by {@link dev.credits4j.rest.CreditsApplication}
 * only; no other package names a resource.
 */
package dev.credits4j.rest.resource;
