/**
 * The WAR's wiring on a Jakarta EE application server, configured by system properties or
 * environment variables ({@link dev.credits4j.rest.container.ContainerSettings}, {@link
 * dev.credits4j.rest.container.JobSettings}, {@link dev.credits4j.rest.container.MailSettings},
 * {@link dev.credits4j.rest.container.ReadReplicaSettings}, {@link
 * dev.credits4j.rest.container.DatabaseTimeouts}) so that the WAR itself stays unchanged. Its CDI
 * producers and observers give the SDK what a host must: the persistence unit over the server's
 * data source and an optional read replica ({@link
 * dev.credits4j.rest.container.ContainerPersistence}), resource-local or JTA transactions ({@link
 * dev.credits4j.rest.container.ContainerTransactions}), the migrations at startup ({@link
 * dev.credits4j.rest.container.SchemaStartup}, {@link dev.credits4j.rest.container.ApiSchema}), the
 * periodic jobs on the server's managed executor ({@link
 * dev.credits4j.rest.container.ContainerJobs}), the ledger keys ({@link
 * dev.credits4j.rest.container.ContainerLedgerKeys}), the webhook settings ({@link
 * dev.credits4j.rest.container.ContainerWebhookSettings}), e-mail through the server's mail session
 * (the portable extension {@link dev.credits4j.rest.container.ContainerMail}), the meters ({@link
 * dev.credits4j.rest.container.ContainerMeters}) and the portal's session store ({@link
 * dev.credits4j.rest.container.ContainerSessions}).
 *
 * <p>Owns no table of its own but Flyway's history of the API's migrations, {@code
 * credits_api_schema_history}: {@code ApiSchema} applies {@code db/api-migration/<vendor>} after
 * the SDK's schema, creating the tables that {@code idempotency}, {@code security} and {@code
 * session} own. Uses the SDK's bootstrap ({@code Credits4j}, {@code SchemaMigrations}, {@code
 * CreditsScheduler}), {@code api}, {@code spi}, {@code internal} (the JTA transactions, {@code
 * TransactionEvents}), {@code notify.mail}, {@code webhook}, {@code metrics}, the bounded contexts'
 * default service implementations (which {@code ContainerMeters} wraps), and the WAR's {@code
 * metrics} and {@code session}. Used by {@code health} ({@code ApiSchema}) and {@code idempotency}
 * ({@code ContainerTransactions}); the standalone server uses only {@code ApiSchema} and wires the
 * rest itself.
 */
package dev.credits4j.rest.container;
