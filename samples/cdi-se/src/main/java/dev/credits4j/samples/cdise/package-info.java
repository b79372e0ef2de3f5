/**
 * Embedding credits4j with CDI (Weld SE): the container discovers the SDK's service beans in its
 * jar, and {@link dev.credits4j.samples.cdise.HostResources} gives them the one bean they require,
 * a {@code CreditsPersistenceUnit} {@code EntityManagerFactory} over a HikariCP pool it migrates
 * with {@code SchemaMigrations}, and a {@code Clock}. {@link
 * dev.credits4j.samples.cdise.AgencyBilling} is the host's own service layer, injecting {@code
 * Workspaces}, {@code PackageCatalog}, {@code Offerings}, {@code Purchases}, {@code
 * ServiceRequests} and {@code CreditLedger}; {@link dev.credits4j.samples.cdise.PurchaseDesk}
 * observes the {@code PurchaseEvent}s the SDK fires after each purchase's transaction commits.
 * {@link dev.credits4j.samples.cdise.CdiSeSample} boots the container and runs the story.
 *
 * <p>Owns no tables: the SDK's are the only ones. Uses the SDK's bootstrap ({@code Credits4j},
 * {@code SchemaMigrations}), {@code api}, {@code spi} ({@code CreditsPersistenceUnit}) and the demo
 * catalog and offerings ({@code DemoCatalog}, {@code DemoOfferings}), on Weld SE, EclipseLink and
 * H2 (or the database {@code credits.db.url} names). Used by nothing: it is a sample, run with
 * {@code exec:java}.
 */
package dev.credits4j.samples.cdise;
