/**
 * The reference WAR's REST API without an application server: {@link
 * dev.credits4j.samples.standalone.StandaloneServer} runs the same {@link
 * dev.credits4j.rest.CreditsApplication} on Jersey over Grizzly, with Weld SE for CDI and
 * EclipseLink over a HikariCP pool (an H2 file under {@code ./data} unless {@code CREDITS_DB_URL}
 * names another database), migrates on start, seeds the demo workspace once ({@code DemoWorkspace})
 * and runs the SDK's jobs with a {@code CreditsScheduler}. What an application server does for the
 * WAR it does itself, configured by environment variables ({@link
 * dev.credits4j.samples.standalone.ServerConfig}, {@link
 * dev.credits4j.samples.standalone.LedgerKeySettings}, {@link
 * dev.credits4j.samples.standalone.MailSettings}, {@link
 * dev.credits4j.samples.standalone.SessionSettings}, {@code ReplicaSettings}, {@code FailFast}):
 * HTTP Basic logins from a configured list ({@link
 * dev.credits4j.samples.standalone.BasicAuthentication}), API keys ({@link
 * dev.credits4j.samples.standalone.BearerAuthentication}) and the portal's session cookie ({@link
 * dev.credits4j.samples.standalone.SessionAuthentication}) as JAX-RS filters; the host's beans
 * ({@code ServerBeans}, {@code SessionBeans}); notifications to the log ({@link
 * dev.credits4j.samples.standalone.LoggingNotifier}) and by e-mail; the meters at {@code GET
 * /metrics} ({@code MetricsHandler}); the portal's static files ({@code PortalHandler}); and a
 * guard against request targets Grizzly or Jersey cannot decode ({@code PathGuard}).
 *
 * <p>Owns no tables: it migrates the SDK's schema and the WAR's tables ({@code ApiSchema.migrate})
 * and keeps its logins' memberships, API keys and sessions in the WAR's tables through the WAR's
 * classes; its ledger keys, unless configured, live in the file {@code data/ledger-keys}. Uses the
 * SDK's bootstrap ({@code Credits4j}, {@code CreditsScheduler}), {@code api}, {@code spi}, {@code
 * notify.mail}, {@code purchase.stripe}, {@code webhook} and the demo catalog and offerings, and
 * the WAR's {@code rest}, {@code container}, {@code http}, {@code metrics}, {@code problem}, {@code
 * security} and {@code session}. Used by the agency-portal sample's tests, which call a real
 * server.
 */
package dev.credits4j.samples.standalone;
