/**
 * A small agency platform that embeds credits4j beside its own users, companies and in-app inbox.
 * {@link dev.credits4j.samples.portal.AgencyPortal} builds the SDK with the plain-Java builder,
 * opens one workspace per agency, registers each company as an organization when it signs up, names
 * the portal user who acted on every call, and runs the expiry sweep, warnings and notification
 * dispatch on its own schedule; {@link dev.credits4j.samples.portal.InboxNotifier} (a {@link
 * dev.credits4j.spi.Notifier}) turns each notification into an inbox message, and the SDK's mail
 * notifier e-mails the company's members when SMTP is configured. {@link
 * dev.credits4j.samples.portal.RemotePortal} is the same platform against a credits4j server: it
 * calls the REST API with an API key ({@link dev.credits4j.samples.portal.CreditsClient}) and hears
 * of changes through signed webhooks ({@link dev.credits4j.samples.portal.WebhookReceiver}, {@link
 * dev.credits4j.samples.portal.WebhookVerifier}). {@link
 * dev.credits4j.samples.portal.AgencyPortalDemo} runs four simulated months ({@link
 * dev.credits4j.samples.portal.SimulatedClock}).
 *
 * <p>Owns the portal's tables {@code portal_company}, {@code portal_user} and {@code portal_inbox}
 * ({@link dev.credits4j.samples.portal.PortalStore}, plain JDBC, created when missing) beside the
 * SDK's in the same database; credits4j never sees them and knows a company only by its id. Uses
 * the SDK's bootstrap ({@code Credits4j}), {@code api}, {@code spi}, {@code notify.mail} ({@code
 * SmtpSettings}) and the demo catalog and offerings ({@code DemoCatalog}, {@code DemoOfferings});
 * the remote variant uses only Java's HTTP client and server and Gson. Used by nothing: it is a
 * sample, run with {@code exec:java}.
 */
package dev.credits4j.samples.portal;
