/**
 * The credits4j SDK as a Java module (docs/architecture.md, "Boundaries: the module descriptor").
 *
 * <p>On the class path (a WAR's {@code WEB-INF/lib}, Spring Boot, Weld SE, the samples) this file
 * is ignored and every public class stays reachable, as before. On the module path it is the
 * boundary: only the packages below are exported, the entity packages are opened to the JPA
 * providers alone, and everything else (the bounded contexts' internals, {@code internal}, {@code
 * metrics}) is invisible to the host. {@code architecture/ModuleDescriptorTest} holds this file to
 * exactly these exports and opens.
 */
module dev.credits4j {
  // --- What the SDK's exported signatures use: a host reading dev.credits4j reads these too. ---
  // Credits4j.Builder.entityManagerFactory(EntityManagerFactory), spi.HostTransactions.
  requires transitive jakarta.persistence;
  // MonetaryAmount and CurrencyUnit throughout api.
  requires transitive java.money;
  // api's records take org.javamoney.moneta.Money (PackagePricing, WorkspaceSettings).
  requires transitive org.javamoney.moneta;
  // Credits4j.Builder.dataSource(DataSource), SchemaMigrations.
  requires transitive java.sql;

  // --- Used inside only. ---
  // UUID v7 ids (internal.Ids).
  requires com.fasterxml.uuid;
  // RFC 4180 CSV (report.CsvExports).
  requires org.apache.commons.csv;
  // Webhook deliveries (webhook.DefaultWebhooks); part of every JDK.
  requires java.net.http;

  // --- Optional: present when the host uses the feature (provided or optional in the pom). ---
  // CDI and injection annotations: CDI hosts (WAR, Weld SE) load the SDK from the class path;
  // the plain-Java builder never touches these types, and absent annotations are ignored.
  requires static jakarta.cdi;
  requires static jakarta.inject;
  // internal.JtaTransactions and JtaHostTransactions, only in a JTA host.
  requires static jakarta.transaction;
  // SchemaMigrations (Credits4j.Builder.migrate(true)). Flyway's jar has no module name of its
  // own, so this is the name the JDK derives from flyway-core-<version>.jar; a host that lets the
  // SDK migrate adds it (--add-modules flyway.core or requires flyway.core).
  requires static flyway.core;
  // purchase.stripe (StripeGateway, StripeWebhooks); name derived from stripe-java-<version>.jar.
  requires static stripe.java;
  // The Stripe events' and the webhooks' JSON.
  requires static com.google.gson;
  // notify.mail (MailNotifier); the host brings an implementation such as Eclipse Angus Mail.
  requires static jakarta.mail;
  // metrics (CreditsObservability), only when the builder is given a registry.
  requires static micrometer.core;
  requires static micrometer.observation;

  // --- Exports: what a host names in its code. ---
  // The plain-Java bootstrap: Credits4j, CreditsScheduler, SchemaMigrations.
  exports dev.credits4j;
  // The service interfaces, records, ErrorCode, CreditsException.
  exports dev.credits4j.api;
  // What a host may replace: DrawDownPolicy, FeatureGate, PaymentGateway, Notifier, ...
  exports dev.credits4j.spi;
  // Settings the builder takes (every exported package holding a type of a public signature of
  // the bootstrap is checked by ModuleDescriptorTest):
  // Credits4j.Builder.debitCoalescing(DebitCoalescing).
  exports dev.credits4j.ledger;
  // Credits4j.Builder.dispatcherSettings(DispatcherSettings).
  exports dev.credits4j.notify;
  // Credits4j.Builder.mail(SmtpSettings, ..., MailTemplates).
  exports dev.credits4j.notify.mail;
  // Credits4j.Builder.stripe(StripeSettings), Credits4j.stripeWebhooks().
  exports dev.credits4j.purchase.stripe;
  // Credits4j.Builder.autoTopUpSettings(AutoTopUpSettings).
  exports dev.credits4j.topup;
  // Credits4j.Builder.webhooks(WebhookSettings).
  exports dev.credits4j.webhook;
  // new CsvExports(ledger): the CSV exports of history and reports (docs/reports.md).
  exports dev.credits4j.report;

  // --- Opens: deep reflection on the entities' fields and constructors, for the JPA provider
  // only (EclipseLink's field access lives in its core module; Hibernate's in its only module).
  // Every package of an entity listed in META-INF/persistence.xml, and no other.
  opens dev.credits4j.allotment to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.catalog to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.ledger to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.notify to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.promotion to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.purchase to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.purchase.stripe to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.report to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.request to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.statement to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.subscription to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.topup to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.webhook to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;
  opens dev.credits4j.workspace to
      org.eclipse.persistence.core,
      org.hibernate.orm.core;

  // --- Opens: resources read through a ClassLoader, which finds a named module's resource only
  // in a package open to everyone. Nothing but SQL and template files lives there.
  // The SDK's migrations: Flyway reads them through SchemaMigrations' class loader.
  opens db.migration.h2;
  opens db.migration.postgresql;
  opens db.migration.mariadb;
  // The built-in mail templates (MailTemplates.builtIn()).
  opens credits4j.mail;
}
