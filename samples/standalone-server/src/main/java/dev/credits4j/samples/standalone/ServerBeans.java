package dev.credits4j.samples.standalone;

import dev.credits4j.api.LedgerKeys;
import dev.credits4j.notify.mail.MailNotifier;
import dev.credits4j.purchase.stripe.StripeGateway;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.CreditsReadReplica;
import dev.credits4j.spi.Notifier;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.webhook.WebhookSettings;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;

/**
 * Gives the CDI container what the SDK needs from its host: the {@link CreditsPersistenceUnit}
 * {@link EntityManagerFactory} the server built over its pool, the pool itself as a {@link
 * CreditsPersistenceUnit} {@code DataSource} (for the health check), the {@link CreditsReadReplica}
 * factory over the read replica when {@code CREDITS_DB_REPLICA_URL} names one and, when configured,
 * the Stripe settings and gateway.
 */
final class ServerBeans implements Extension {
  private static final class PersistenceUnitLiteral
      extends AnnotationLiteral<CreditsPersistenceUnit> implements CreditsPersistenceUnit {
    private static final long serialVersionUID = 1L;
  }

  private static final class ReadReplicaLiteral extends AnnotationLiteral<CreditsReadReplica>
      implements CreditsReadReplica {
    private static final long serialVersionUID = 1L;
  }

  private final EntityManagerFactory emf;
  private final EntityManagerFactory replicaEmf;
  private final DataSource dataSource;
  private final StripeSettings stripe;
  private final MailSettings mail;
  private final LedgerKeys ledgerKeys;

  ServerBeans(
      EntityManagerFactory emf,
      EntityManagerFactory replicaEmf,
      DataSource dataSource,
      StripeSettings stripe,
      MailSettings mail,
      LedgerKeys ledgerKeys) {
    this.ledgerKeys = ledgerKeys;
    this.emf = emf;
    this.replicaEmf = replicaEmf;
    this.dataSource = dataSource;
    this.stripe = stripe;
    this.mail = mail;
  }

  void addBeans(@Observes AfterBeanDiscovery abd) {
    abd.addBean()
        .beanClass(ServerBeans.class)
        .types(EntityManagerFactory.class, Object.class)
        .qualifiers(new PersistenceUnitLiteral(), Any.Literal.INSTANCE)
        .scope(Singleton.class)
        .createWith(c -> emf);
    if (replicaEmf != null) {
      // The read replica's unit: the SDK's CdiWiring routes the pure reads to it.
      abd.addBean()
          .beanClass(ServerBeans.class)
          .types(EntityManagerFactory.class, Object.class)
          .qualifiers(new ReadReplicaLiteral(), Any.Literal.INSTANCE)
          .scope(Singleton.class)
          .createWith(c -> replicaEmf);
    }
    // The pool itself, for the health check (GET /api/v1/health).
    abd.addBean()
        .beanClass(ServerBeans.class)
        .types(DataSource.class, Object.class)
        .qualifiers(new PersistenceUnitLiteral(), Any.Literal.INSTANCE)
        .scope(Singleton.class)
        .createWith(c -> dataSource);
    // The ledger keys of tamper evidence, for the SDK's CdiWiring.
    abd.addBean()
        .beanClass(ServerBeans.class)
        .types(LedgerKeys.class, Object.class)
        .scope(Singleton.class)
        .createWith(c -> ledgerKeys);
    // Signed webhooks: HTTPS endpoints (http to loopback), or any http one when
    // CREDITS_WEBHOOKS_ALLOW_HTTP=true.
    WebhookSettings webhooks =
        WebhookSettings.DEFAULTS.withAllowPlainHttp(
            "true"
                .equalsIgnoreCase(
                    System.getenv().getOrDefault("CREDITS_WEBHOOKS_ALLOW_HTTP", "false").trim()));
    abd.addBean()
        .beanClass(ServerBeans.class)
        .types(WebhookSettings.class, Object.class)
        .scope(Singleton.class)
        .createWith(c -> webhooks);
    if (mail != null) {
      // Beside the LoggingNotifier bean: the dispatcher delivers through every Notifier.
      MailNotifier notifier = new MailNotifier(mail.smtp(), mail);
      abd.addBean()
          .beanClass(ServerBeans.class)
          .types(Notifier.class, Object.class)
          .scope(Singleton.class)
          .createWith(c -> notifier);
    }
    if (stripe != null) {
      StripeGateway gateway = new StripeGateway(stripe);
      abd.addBean()
          .beanClass(ServerBeans.class)
          .types(StripeSettings.class, Object.class)
          .scope(Singleton.class)
          .createWith(c -> stripe);
      abd.addBean()
          .beanClass(ServerBeans.class)
          .types(PaymentGateway.class, Object.class)
          .scope(Singleton.class)
          .createWith(c -> gateway);
    }
  }
}
