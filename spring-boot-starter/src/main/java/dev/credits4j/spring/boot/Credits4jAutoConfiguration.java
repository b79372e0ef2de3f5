package dev.credits4j.spring.boot;

import dev.credits4j.Credits4j;
import dev.credits4j.CreditsScheduler;
import dev.credits4j.SchemaMigrations;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.AutoTopUps;
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
import dev.credits4j.api.Webhooks;
import dev.credits4j.api.Workspaces;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.spi.FeatureGate;
import dev.credits4j.spi.Notifier;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.spi.PurchaseListener;
import dev.credits4j.spi.RecipientResolver;
import dev.credits4j.webhook.WebhookSettings;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaDialect;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.TransactionManager;

/**
 * credits4j for a Spring Boot application: the SDK over the application's {@code DataSource}
 * (migrated unless {@code credits4j.migrate=false}), every service as a bean, Spring's transactions
 * joined ({@link SpringHostTransactions}), the jobs on Spring's task scheduler when {@code
 * credits4j.scheduler.enabled=true}. See docs/spring-boot.md.
 */
@AutoConfiguration(
    // By name, each under Boot 3's package and then Boot 4's module package, so that one starter
    // runs on both lines.
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    },
    beforeName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
    })
@ConditionalOnClass(Credits4j.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "credits4j", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(Credits4jProperties.class)
public class Credits4jAutoConfiguration {

  /** The SDK's persistence unit over the application's DataSource, closed with the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public CreditsPersistence creditsPersistence(DataSource dataSource, Credits4jProperties props) {
    if (props.isMigrate()) {
      SchemaMigrations.migrate(dataSource);
    }
    Map<String, Object> jpa = new HashMap<>();
    jpa.put("jakarta.persistence.nonJtaDataSource", dataSource);
    jpa.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    return new CreditsPersistence(
        Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, jpa), dataSource);
  }

  /**
   * The application's transaction manager, unless it has one: JPA transactions over the SDK's unit
   * that also carry the application's JDBC work on the same DataSource, so both commit together.
   */
  @Bean
  @ConditionalOnMissingBean(TransactionManager.class)
  public JpaTransactionManager transactionManager(CreditsPersistence persistence) {
    JpaTransactionManager tm = new JpaTransactionManager(persistence.entityManagerFactory());
    tm.setDataSource(persistence.dataSource());
    tm.setJpaDialect(dialect(persistence.entityManagerFactory()));
    return tm;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Credits4j credits4j(
      CreditsPersistence persistence,
      Credits4jProperties props,
      ObjectProvider<Clock> clock,
      ObjectProvider<DrawDownPolicy> drawDownPolicy,
      ObjectProvider<FeatureGate> featureGate,
      ObjectProvider<dev.credits4j.api.LedgerKeys> ledgerKeys,
      ObjectProvider<PaymentGateway> gateways,
      ObjectProvider<PurchaseListener> listeners,
      ObjectProvider<Notifier> notifiers,
      ObjectProvider<RecipientResolver> recipients,
      ObjectProvider<Credits4jBuilderCustomizer> customizers) {
    Credits4j.Builder b =
        Credits4j.builder()
            .entityManagerFactory(persistence.entityManagerFactory())
            .maxAttempts(props.getMaxAttempts());
    if (props.isJoinTransactions()) {
      b.hostTransactions(new SpringHostTransactions(persistence.dataSource()));
    }
    clock.ifAvailable(b::clock);
    drawDownPolicy.ifAvailable(b::drawDownPolicy);
    featureGate.ifAvailable(b::featureGate);
    ledgerKeys.ifAvailable(b::ledgerKeys);
    gateways.orderedStream().forEach(b::paymentGateway);
    listeners.orderedStream().forEach(b::purchaseListener);
    notifiers.orderedStream().forEach(b::notifier);
    Credits4jProperties.Mail mail = props.getMail();
    if (mail.getHost() != null && !mail.getHost().isBlank()) {
      RecipientResolver resolver = recipients.getIfAvailable();
      if (resolver == null) {
        throw new IllegalStateException(
            "CREDITS-0902 credits4j.mail.host is set but there is no RecipientResolver bean to"
                + " find each organization's addresses");
      }
      SmtpSettings smtp = SmtpSettings.of(mail.getHost(), mail.getPort(), mail.getFrom());
      if (mail.getUsername() != null) {
        smtp = smtp.withLogin(mail.getUsername(), mail.getPassword());
      }
      b.mail(smtp, resolver);
    }
    Credits4jProperties.Stripe stripe = props.getStripe();
    if (stripe.getApiKey() != null && !stripe.getApiKey().isBlank()) {
      b.stripe(
          StripeSettings.of(
              stripe.getApiKey(),
              stripe.getWebhookSecret(),
              stripe.getSuccessUrl(),
              stripe.getCancelUrl()));
    }
    if (props.getWebhooks().isEnabled()) {
      b.webhooks(WebhookSettings.DEFAULTS);
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  @Bean
  @ConditionalOnMissingBean
  public CreditLedger creditLedger(Credits4j credits) {
    return credits.ledger();
  }

  @Bean
  @ConditionalOnMissingBean
  public Workspaces creditWorkspaces(Credits4j credits) {
    return credits.workspaces();
  }

  @Bean
  @ConditionalOnMissingBean
  public PackageCatalog creditPackageCatalog(Credits4j credits) {
    return credits.catalog();
  }

  @Bean
  @ConditionalOnMissingBean
  public Offerings creditOfferings(Credits4j credits) {
    return credits.offerings();
  }

  @Bean
  @ConditionalOnMissingBean
  public ServiceRequests creditServiceRequests(Credits4j credits) {
    return credits.requests();
  }

  @Bean
  @ConditionalOnMissingBean
  public ExpirySweep creditExpirySweep(Credits4j credits) {
    return credits.expiry();
  }

  @Bean
  @ConditionalOnMissingBean
  public Purchases creditPurchases(Credits4j credits) {
    return credits.purchases();
  }

  @Bean
  @ConditionalOnMissingBean
  public Allotments creditAllotments(Credits4j credits) {
    return credits.allotments();
  }

  @Bean
  @ConditionalOnMissingBean
  public NotificationDispatcher creditNotifications(Credits4j credits) {
    return credits.notifications();
  }

  @Bean
  @ConditionalOnMissingBean
  public ExpiryWarnings creditExpiryWarnings(Credits4j credits) {
    return credits.expiryWarnings();
  }

  @Bean
  @ConditionalOnMissingBean
  public Reports creditReports(Credits4j credits) {
    return credits.reports();
  }

  @Bean
  @ConditionalOnMissingBean
  public Organizations creditOrganizations(Credits4j credits) {
    return credits.organizations();
  }

  @Bean
  @ConditionalOnMissingBean
  public NotificationOutbox creditNotificationOutbox(Credits4j credits) {
    return credits.outbox();
  }

  @Bean
  @ConditionalOnMissingBean
  public Subscriptions creditSubscriptions(Credits4j credits) {
    return credits.subscriptions();
  }

  @Bean
  @ConditionalOnMissingBean
  public Statements creditStatements(Credits4j credits) {
    return credits.statements();
  }

  @Bean
  @ConditionalOnMissingBean
  public Promotions creditPromotions(Credits4j credits) {
    return credits.promotions();
  }

  @Bean
  @ConditionalOnMissingBean
  public AutoTopUps creditAutoTopUps(Credits4j credits) {
    return credits.autoTopUps();
  }

  /** Signed webhooks: with {@code credits4j.webhooks.enabled=true}. */
  @Bean
  @ConditionalOnProperty(prefix = "credits4j.webhooks", name = "enabled")
  @ConditionalOnMissingBean
  public Webhooks creditWebhooks(Credits4j credits) {
    return credits.webhooks();
  }

  /** The SDK's jobs, on Spring's task scheduler when the application has one. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(prefix = "credits4j.scheduler", name = "enabled")
  @ConditionalOnMissingBean
  public CreditsScheduler creditsScheduler(
      Credits4j credits,
      Credits4jProperties props,
      ObjectProvider<ThreadPoolTaskScheduler> taskScheduler) {
    var interval = props.getScheduler().getInterval();
    CreditsScheduler.Builder b =
        CreditsScheduler.forCredits(credits)
            .every(CreditsScheduler.EXPIRY, interval)
            .every(CreditsScheduler.ALLOTMENTS, interval)
            .every(CreditsScheduler.PURCHASE_RECONCILIATION, interval)
            .every(CreditsScheduler.REPORT_ROLLUP, interval)
            .every(CreditsScheduler.REFUND_RESEND, interval)
            .every(CreditsScheduler.HOLD_RELEASE, interval)
            .every(CreditsScheduler.SUBSCRIPTIONS, interval)
            .every(CreditsScheduler.STATEMENTS, interval)
            .register("notification-dispatch", interval, credits.notifications()::dispatchPending)
            .register("expiry-warnings", interval, credits.expiryWarnings()::sendDueNow);
    ThreadPoolTaskScheduler spring = taskScheduler.getIfAvailable();
    if (spring != null) {
      b.executor(spring.getScheduledExecutor());
    }
    return b.start();
  }

  /**
   * Micrometer: the application's {@code ObservationRegistry} (metrics and, with a tracer, traces
   * of every service call) and {@code MeterRegistry} (the retry counters); Actuator then serves
   * them, e.g. at {@code /actuator/prometheus}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    Credits4jBuilderCustomizer credits4jMicrometer(
        ObjectProvider<io.micrometer.observation.ObservationRegistry> observations,
        ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
      return b -> {
        observations.ifAvailable(b::observations);
        meters.ifAvailable(b::meterRegistry);
      };
    }
  }

  /**
   * Stripe's webhooks (purchases paid, refunds, auto top-up's card setups), for the application's
   * endpoint to pass each delivery to: with {@code credits4j.stripe.api-key} and stripe-java.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "com.stripe.net.Webhook")
  static class Stripe {
    @Bean
    @ConditionalOnProperty(prefix = "credits4j.stripe", name = "api-key")
    @ConditionalOnMissingBean
    dev.credits4j.purchase.stripe.StripeWebhooks creditStripeWebhooks(Credits4j credits) {
      return credits.stripeWebhooks();
    }
  }

  /** The Actuator health contributor {@code credits4j} on Spring Boot 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "credits4jHealthIndicator")
    Credits4jHealthIndicator credits4jHealthIndicator(CreditsPersistence persistence) {
      return new Credits4jHealthIndicator(persistence.entityManagerFactory());
    }
  }

  /** The health contributor {@code credits4j} on Spring Boot 4 ({@code spring-boot-health}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "credits4jHealthIndicator")
    Credits4jBoot4HealthIndicator credits4jHealthIndicator(CreditsPersistence persistence) {
      return new Credits4jBoot4HealthIndicator(persistence.entityManagerFactory());
    }
  }

  private static JpaDialect dialect(EntityManagerFactory emf) {
    try {
      if (emf.unwrap(org.hibernate.SessionFactory.class) != null) {
        return new HibernateJpaDialect();
      }
    } catch (RuntimeException | LinkageError notHibernate) {
      // another provider: Spring's default dialect, without savepoints
    }
    return new org.springframework.orm.jpa.DefaultJpaDialect();
  }
}
