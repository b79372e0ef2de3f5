package dev.credits4j;

import dev.credits4j.allotment.DefaultAllotments;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.LedgerKeys;
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
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.expiry.DefaultExpirySweep;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.GaleraWrites;
import dev.credits4j.internal.JoiningTransactions;
import dev.credits4j.internal.LedgerKeysWarning;
import dev.credits4j.internal.ReplicaReads;
import dev.credits4j.internal.ResourceLocalTransactions;
import dev.credits4j.internal.SettingsCache;
import dev.credits4j.internal.Transactions;
import dev.credits4j.ledger.DebitCoalescing;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.DefaultOrganizations;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.notify.DefaultExpiryWarnings;
import dev.credits4j.notify.DefaultNotificationDispatcher;
import dev.credits4j.notify.DefaultNotificationOutbox;
import dev.credits4j.notify.DispatcherSettings;
import dev.credits4j.notify.mail.MailNotifier;
import dev.credits4j.notify.mail.MailTemplates;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.promotion.DefaultPromotions;
import dev.credits4j.purchase.DefaultPurchases;
import dev.credits4j.purchase.stripe.StripeGateway;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.purchase.stripe.StripeWebhooks;
import dev.credits4j.report.CsvExports;
import dev.credits4j.report.DefaultReports;
import dev.credits4j.request.DefaultOfferings;
import dev.credits4j.request.DefaultServiceRequests;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.spi.FeatureGate;
import dev.credits4j.spi.HostTransactions;
import dev.credits4j.spi.Notifier;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.spi.PurchaseListener;
import dev.credits4j.spi.RecipientResolver;
import dev.credits4j.statement.DefaultStatements;
import dev.credits4j.subscription.DefaultSubscriptions;
import dev.credits4j.topup.AutoTopUpSettings;
import dev.credits4j.topup.DefaultAutoTopUps;
import dev.credits4j.webhook.DefaultWebhooks;
import dev.credits4j.webhook.WebhookNotifier;
import dev.credits4j.webhook.WebhookSettings;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The plain-Java bootstrap for hosts without CDI. Same services, same behaviour:
 *
 * <pre>{@code
 * try (Credits4j credits = Credits4j.builder().dataSource(ds).migrate(true).build()) {
 *   credits.workspaces().create(WorkspaceSettings.builder("acme-agency", usd).build());
 *   credits.ledger().consume(...);
 * }
 * }</pre>
 */
public final class Credits4j implements AutoCloseable {
  /** The persistence unit shipped in the SDK's {@code META-INF/persistence.xml}. */
  public static final String PERSISTENCE_UNIT = "credits4j";

  /**
   * The SDK's CDI beans, for hosts that start a CDI container without bean discovery (Weld SE's
   * {@code disableDiscovery()}): add these classes, then the host's producers of the persistence
   * unit and settings (docs/embedding.md). {@code StripeWebhooks}, which needs Stripe's settings,
   * is added by hosts that configure Stripe.
   */
  public static List<Class<?>> cdiBeanClasses() {
    return List.of(
        CdiWiring.class,
        DefaultCreditLedger.class,
        LedgerWallets.class,
        DefaultWorkspaces.class,
        DefaultPackageCatalog.class,
        DefaultOfferings.class,
        DefaultServiceRequests.class,
        DefaultExpirySweep.class,
        DefaultPurchases.class,
        DefaultReports.class,
        DefaultOrganizations.class,
        DefaultNotificationOutbox.class,
        CsvExports.class,
        DefaultAllotments.class,
        DefaultSubscriptions.class,
        DefaultStatements.class,
        DefaultPromotions.class,
        DefaultNotificationDispatcher.class,
        DefaultExpiryWarnings.class,
        DefaultWebhooks.class,
        DefaultAutoTopUps.class,
        WebhookNotifier.class);
  }

  private final EntityManagerFactory emf;
  private final boolean ownsEmf;
  private final EntityManagerFactory replicaEmf;
  private final boolean ownsReplicaEmf;
  private final CreditLedger ledger;
  private final Workspaces workspaces;
  private final PackageCatalog catalog;
  private final Offerings offerings;
  private final ServiceRequests requests;
  private final ExpirySweep expiry;
  private final Purchases purchases;
  private final StripeWebhooks stripeWebhooks;
  private final NotificationDispatcher notifications;
  private final ExpiryWarnings expiryWarnings;
  private final Allotments allotments;
  private final Subscriptions subscriptions;
  private final Statements statements;
  private final Promotions promotions;
  private final Reports reports;
  private final Organizations organizations;
  private final NotificationOutbox outbox;
  private final Webhooks webhooks;
  private final AutoTopUps autoTopUps;
  private final Object observability;

  private Credits4j(Builder b) {
    this.emf = b.emf != null ? b.emf : ownEntityManagerFactory(b);
    this.ownsEmf = b.emf == null;
    this.replicaEmf = replicaEntityManagerFactory(b);
    this.ownsReplicaEmf = b.replicaEmf == null && b.replicaDataSource != null;
    this.observability = observability(b);
    CreditsContext ctx = context(b);
    PackageCatalog rawCatalog = new DefaultPackageCatalog(ctx);
    CreditLedger rawLedger = new DefaultCreditLedger(ctx, rawCatalog, b.debitCoalescing);
    this.catalog = observed(PackageCatalog.class, rawCatalog);
    this.ledger = observed(CreditLedger.class, rawLedger);
    this.workspaces =
        observed(Workspaces.class, new DefaultWorkspaces(ctx, rawLedger, new LedgerWallets()));
    this.offerings = observed(Offerings.class, new DefaultOfferings(ctx));
    this.requests = observed(ServiceRequests.class, new DefaultServiceRequests(ctx, rawCatalog));
    this.expiry = observed(ExpirySweep.class, new DefaultExpirySweep(ctx));
    List<PaymentGateway> gateways = gateways(b);
    Purchases rawPurchases = new DefaultPurchases(ctx, gateways, b.purchaseListeners);
    this.purchases = observed(Purchases.class, rawPurchases);
    List<Notifier> notifiers = notifiers(b, ctx);
    this.webhooks = b.webhookSettings == null ? null : new DefaultWebhooks(ctx, b.webhookSettings);
    this.notifications =
        observed(
            NotificationDispatcher.class,
            new DefaultNotificationDispatcher(ctx, notifiers, b.dispatcherSettings));
    this.expiryWarnings = observed(ExpiryWarnings.class, new DefaultExpiryWarnings(ctx));
    this.allotments = observed(Allotments.class, new DefaultAllotments(ctx));
    this.subscriptions = observed(Subscriptions.class, new DefaultSubscriptions(ctx, rawCatalog));
    this.statements = observed(Statements.class, new DefaultStatements(ctx));
    this.promotions = observed(Promotions.class, new DefaultPromotions(ctx, rawCatalog));
    this.reports = observed(Reports.class, new DefaultReports(ctx, rawLedger));
    this.organizations = observed(Organizations.class, new DefaultOrganizations(ctx));
    this.outbox = observed(NotificationOutbox.class, new DefaultNotificationOutbox(ctx));
    AutoTopUps rawAutoTopUps =
        new DefaultAutoTopUps(ctx, rawPurchases, rawCatalog, gateways, b.autoTopUpSettings);
    this.autoTopUps = observed(AutoTopUps.class, rawAutoTopUps);
    this.stripeWebhooks =
        b.stripe == null ? null : new StripeWebhooks(ctx, rawPurchases, rawAutoTopUps, b.stripe);
  }

  /**
   * The entity manager factory this instance creates (and closes) over the builder's data source,
   * migrating its schema first when asked.
   */
  private static EntityManagerFactory ownEntityManagerFactory(Builder b) {
    Objects.requireNonNull(b.dataSource, "a dataSource or an entityManagerFactory is required");
    if (b.migrate) {
      SchemaMigrations.migrate(b.dataSource);
    }
    Map<String, Object> props = new HashMap<>(b.properties);
    GaleraWrites.configure(b.dataSource, props);
    props.put("jakarta.persistence.nonJtaDataSource", b.dataSource);
    props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, props);
  }

  /** The host's replica factory, or one created over its replica data source; null for none. */
  private static EntityManagerFactory replicaEntityManagerFactory(Builder b) {
    if (b.replicaEmf != null) {
      return b.replicaEmf;
    }
    if (b.replicaDataSource == null) {
      return null;
    }
    Map<String, Object> props = new HashMap<>(b.properties);
    props.put("jakarta.persistence.nonJtaDataSource", b.replicaDataSource);
    props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, props);
  }

  /**
   * The Micrometer observability when the host configured a registry; null otherwise. Micrometer is
   * optional: its classes are only touched when the host configured it.
   */
  private static Object observability(Builder b) {
    return b.observations == null && b.meters == null
        ? null
        : dev.credits4j.metrics.CreditsObservability.of(
            (io.micrometer.observation.ObservationRegistry) b.observations,
            (io.micrometer.core.instrument.MeterRegistry) b.meters);
  }

  /**
   * What every service shares: the transactions (joining the host's, if it has them), the replica
   * reads and the builder's policies.
   */
  private CreditsContext context(Builder b) {
    ResourceLocalTransactions own = resourceLocalTransactions(emf, b.maxAttempts);
    Transactions primary =
        b.hostTransactions == HostTransactions.NONE
            ? own
            : new JoiningTransactions(own, b.hostTransactions, emf);
    return new CreditsContext(
        primary,
        b.clock,
        b.drawDownPolicy,
        b.featureGate,
        new SettingsCache(b.settingsCacheTtl),
        LedgerKeysWarning.checked(b.ledgerKeys),
        replicaEmf == null
            ? null
            : new ReplicaReads(primary, resourceLocalTransactions(replicaEmf, b.maxAttempts)));
  }

  /**
   * Transactions over {@code factory}, their events observed when the host configured Micrometer.
   */
  private ResourceLocalTransactions resourceLocalTransactions(
      EntityManagerFactory factory, int maxAttempts) {
    return observability == null
        ? new ResourceLocalTransactions(factory, maxAttempts)
        : new ResourceLocalTransactions(
            factory,
            maxAttempts,
            ((dev.credits4j.metrics.CreditsObservability) observability).transactionEvents());
  }

  /** The host's payment gateways, then Stripe's when it is configured. */
  private static List<PaymentGateway> gateways(Builder b) {
    List<PaymentGateway> gateways = new ArrayList<>(b.paymentGateways);
    if (b.stripe != null) {
      gateways.add(new StripeGateway(b.stripe));
    }
    return gateways;
  }

  /** The host's notifiers, then e-mail and webhooks when they are configured. */
  private static List<Notifier> notifiers(Builder b, CreditsContext ctx) {
    List<Notifier> notifiers = new ArrayList<>(b.notifiers);
    if (b.smtp != null) {
      notifiers.add(new MailNotifier(b.smtp, b.recipients, b.mailTemplates));
    }
    if (b.webhookSettings != null) {
      notifiers.add(new WebhookNotifier(ctx));
    }
    return notifiers;
  }

  /** {@code service} with its calls observed when the host configured Micrometer. */
  private <T> T observed(Class<T> api, T service) {
    return observability == null
        ? service
        : ((dev.credits4j.metrics.CreditsObservability) observability).observe(api, service);
  }

  public static Builder builder() {
    return new Builder();
  }

  public CreditLedger ledger() {
    return ledger;
  }

  public Workspaces workspaces() {
    return workspaces;
  }

  /** The credit packages: the team's catalog management and the client catalog. */
  public PackageCatalog catalog() {
    return catalog;
  }

  /** The offerings (services) clients may request. */
  public Offerings offerings() {
    return offerings;
  }

  /** Clients' requests for offerings: created, previewed, delivered, cancelled. */
  public ServiceRequests requests() {
    return requests;
  }

  /** The expiry sweep: expires (or rolls over) the credits of lots past expiry plus grace. */
  public ExpirySweep expiry() {
    return expiry;
  }

  /** Purchases of credit packages, their payments and refunds. */
  public Purchases purchases() {
    return purchases;
  }

  /** Recurring allotments: credits granted every period, by a rule for what is left unused. */
  public Allotments allotments() {
    return allotments;
  }

  /** Subscriptions to recurring offerings, each period charged once; see docs/catalog.md. */
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /** Monthly usage statements, each issued once; see docs/reports.md. */
  public Statements statements() {
    return statements;
  }

  /** Promotion announcements to every client organization; see docs/catalog.md. */
  public Promotions promotions() {
    return promotions;
  }

  /**
   * The notification outbox's dispatcher: call {@link NotificationDispatcher#dispatchPending()}
   * from a scheduler (every few seconds) to deliver notifications through the configured notifiers.
   */
  public NotificationDispatcher notifications() {
    return notifications;
  }

  /** Expiring-soon warnings: call {@link ExpiryWarnings#sendDueNow()} from a scheduler. */
  public ExpiryWarnings expiryWarnings() {
    return expiryWarnings;
  }

  /** Reports over the workspace's ledger ; see docs/reports.md. */
  public Reports reports() {
    return reports;
  }

  /** The organizations of a workspace with their balances, and an organization's holds. */
  public Organizations organizations() {
    return organizations;
  }

  /** Per-organization auto top-up rules and their attempts; see docs/purchases.md. */
  public AutoTopUps autoTopUps() {
    return autoTopUps;
  }

  /** One workspace's notification outbox, by delivery state; see docs/notifications.md. */
  /**
   * Signed webhooks: endpoints, delivery log, replay, rotation and {@link Webhooks#deliverDue()}.
   *
   * @throws IllegalStateException unless the builder turned them on ({@link Builder#webhooks})
   */
  public Webhooks webhooks() {
    if (webhooks == null) {
      throw new IllegalStateException(
          "CREDITS-0523 webhooks are off: turn them on with Credits4j.builder().webhooks(...)");
    }
    return webhooks;
  }

  /** Whether {@link Builder#webhooks} turned webhooks on. */
  public boolean hasWebhooks() {
    return webhooks != null;
  }

  public NotificationOutbox outbox() {
    return outbox;
  }

  /**
   * Stripe's webhooks, for the host's endpoint to pass each delivery to.
   *
   * @throws IllegalStateException unless the builder was given {@link Builder#stripe}
   */
  public StripeWebhooks stripeWebhooks() {
    if (stripeWebhooks == null) {
      throw new IllegalStateException(
          "CREDITS-0313 Stripe is not configured; call Credits4j.builder().stripe(...)");
    }
    return stripeWebhooks;
  }

  /**
   * Whether reports, history pages and exports read from a read replica ({@link
   * Builder#readReplica}).
   */
  public boolean readsFromReplica() {
    return replicaEmf != null;
  }

  /** Closes the entity manager factories this instance created. */
  @Override
  public void close() {
    if (ownsReplicaEmf && replicaEmf.isOpen()) {
      replicaEmf.close();
    }
    if (ownsEmf && emf.isOpen()) {
      emf.close();
    }
  }

  /** Configures a {@link Credits4j}. */
  public static final class Builder {
    private LedgerKeys ledgerKeys = LedgerKeys.none();
    private DataSource dataSource;
    private EntityManagerFactory emf;
    private DataSource replicaDataSource;
    private EntityManagerFactory replicaEmf;
    private boolean migrate;
    private Clock clock = Clock.systemUTC();
    private DrawDownPolicy drawDownPolicy = DrawDownPolicy.STANDARD;
    private FeatureGate featureGate = FeatureGate.ALLOW_ALL;
    private int maxAttempts = ResourceLocalTransactions.DEFAULT_MAX_ATTEMPTS;
    private HostTransactions hostTransactions = HostTransactions.NONE;
    private Object observations;
    private Object meters;
    private Duration settingsCacheTtl = SettingsCache.DEFAULT_TTL;
    private DebitCoalescing debitCoalescing = DebitCoalescing.DEFAULTS;
    private final Map<String, Object> properties = new HashMap<>();
    private final List<PaymentGateway> paymentGateways = new ArrayList<>();
    private final List<PurchaseListener> purchaseListeners = new ArrayList<>();
    private StripeSettings stripe;
    private final List<Notifier> notifiers = new ArrayList<>();
    private SmtpSettings smtp;
    private RecipientResolver recipients;
    private MailTemplates mailTemplates;
    private DispatcherSettings dispatcherSettings = DispatcherSettings.DEFAULTS;
    private WebhookSettings webhookSettings;
    private AutoTopUpSettings autoTopUpSettings = AutoTopUpSettings.DEFAULTS;

    private Builder() {}

    /** The purchase reminder's link and the lease of auto top-ups (docs/purchases.md). */
    public Builder autoTopUpSettings(AutoTopUpSettings settings) {
      this.autoTopUpSettings = Objects.requireNonNull(settings, "auto top-up settings");
      return this;
    }

    /**
     * Turns signed webhooks on: adds the {@code webhooks} notifier, which turns every outbox
     * notification into deliveries to the workspace's subscribed endpoints, and {@link
     * Credits4j#webhooks()}, whose {@link Webhooks#deliverDue()} posts them ({@link
     * CreditsScheduler#forCredits} runs it as the {@value CreditsScheduler#WEBHOOKS} job).
     */
    public Builder webhooks(WebhookSettings settings) {
      this.webhookSettings = Objects.requireNonNull(settings, "webhook settings");
      return this;
    }

    /** Adds a notifier every notification is delivered through (names must be unique). */
    public Builder notifier(Notifier notifier) {
      notifiers.add(Objects.requireNonNull(notifier, "notifier"));
      return this;
    }

    /**
     * Adds the e-mail notifier ({@code email}) over SMTP with the SDK's own templates; needs
     * Jakarta Mail and an implementation (Angus Mail) on the classpath.
     *
     * @param recipients maps each organization to the addresses its notifications go to
     */
    public Builder mail(SmtpSettings settings, RecipientResolver recipients) {
      return mail(settings, recipients, MailTemplates.builtIn());
    }

    /** {@link #mail(SmtpSettings, RecipientResolver)} with the embedder's templates. */
    public Builder mail(
        SmtpSettings settings, RecipientResolver recipients, MailTemplates templates) {
      this.smtp = Objects.requireNonNull(settings, "smtp settings");
      this.recipients = Objects.requireNonNull(recipients, "recipient resolver");
      this.mailTemplates = Objects.requireNonNull(templates, "mail templates");
      return this;
    }

    /** Batch size, attempts, lease and backoff of the notification dispatcher. */
    public Builder dispatcherSettings(DispatcherSettings settings) {
      this.dispatcherSettings = Objects.requireNonNull(settings, "dispatcher settings");
      return this;
    }

    /**
     * How long workspace settings read by the ledger are kept (default 2 s; zero disables). A
     * change made through this instance applies at once; one made elsewhere within this time.
     */
    public Builder settingsCacheTtl(Duration ttl) {
      this.settingsCacheTtl = Objects.requireNonNull(ttl);
      return this;
    }

    /** The database; the SDK builds its own entity manager factory over it. */
    /**
     * The HMAC keys of the ledger's tamper evidence (docs/ledger.md, "Tamper evidence"). Without
     * them the ledger keeps only an unkeyed hash chain, which anyone with write access to the
     * database can recompute, and logs a warning at startup.
     */
    public Builder ledgerKeys(LedgerKeys keys) {
      this.ledgerKeys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /**
     * A read-only replica of the database (a PostgreSQL hot standby, a MariaDB replica): reports
     * (all but {@code reconciliation}), history pages, CSV exports, statement lists and
     * organization lists read from it; writes, and every read that decides a write or locks a
     * wallet (balances, reconcile, verify, entries by id), stay on {@link #dataSource}. The rollup
     * job writes on the primary; reports on the replica read its rows once replayed. What a report
     * read there shows is as old as the replica's replay lag (docs/scaling.md, "Reads from a
     * replica"). The SDK never migrates it (the primary's migrations reach it by replication).
     */
    public Builder readReplica(DataSource replica) {
      this.replicaDataSource = Objects.requireNonNull(replica, "replica data source");
      return this;
    }

    /** {@link #readReplica(DataSource)} with an entity manager factory the host built over it. */
    public Builder readReplica(EntityManagerFactory replica) {
      this.replicaEmf = Objects.requireNonNull(replica, "replica entity manager factory");
      return this;
    }

    /** An entity manager factory the host built (over the {@code credits4j} unit or its own). */
    public Builder entityManagerFactory(EntityManagerFactory emf) {
      this.emf = emf;
      return this;
    }

    /** Applies the SDK's migrations to the data source first (needs Flyway on the classpath). */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder drawDownPolicy(DrawDownPolicy drawDownPolicy) {
      this.drawDownPolicy = Objects.requireNonNull(drawDownPolicy);
      return this;
    }

    public Builder featureGate(FeatureGate featureGate) {
      this.featureGate = Objects.requireNonNull(featureGate);
      return this;
    }

    /**
     * Adds a payment gateway; the built-in {@code manual} one is always there (a gateway named
     * {@code manual} replaces it).
     */
    public Builder paymentGateway(PaymentGateway gateway) {
      paymentGateways.add(Objects.requireNonNull(gateway));
      return this;
    }

    /**
     * Adds the Stripe gateway ({@code stripe}) and its webhooks ({@link
     * Credits4j#stripeWebhooks()}); needs {@code com.stripe:stripe-java} on the classpath.
     */
    public Builder stripe(StripeSettings settings) {
      this.stripe = Objects.requireNonNull(settings);
      return this;
    }

    /** Adds a listener told of every purchase event after its transaction commits. */
    public Builder purchaseListener(PurchaseListener listener) {
      purchaseListeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /**
     * Joins the host's transaction when the calling thread has one (JTA, Spring): the operation's
     * writes then commit or roll back with the host's, and a serialization failure surfaces as
     * {@code retry-transaction} instead of being retried. Default {@link HostTransactions#NONE}.
     */
    public Builder hostTransactions(HostTransactions hostTransactions) {
      this.hostTransactions = Objects.requireNonNull(hostTransactions, "hostTransactions");
      return this;
    }

    /**
     * Observes every service call with Micrometer's Observation API: the registry's handlers turn
     * each into a timer {@code credits4j.operation} and, with a tracer, a span
     * (docs/operations.md). Needs {@code io.micrometer:micrometer-core} on the classpath.
     */
    public Builder observations(io.micrometer.observation.ObservationRegistry registry) {
      this.observations = Objects.requireNonNull(registry, "observation registry");
      return this;
    }

    /**
     * Records the SDK's meters in {@code registry}: the retry counters, and the operation timers
     * too unless {@link #observations} is given (docs/operations.md). Needs {@code
     * io.micrometer:micrometer-core} on the classpath.
     */
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
      this.meters = Objects.requireNonNull(registry, "meter registry");
      return this;
    }

    /**
     * Whether and how concurrent consumes of one wallet run together in one transaction
     * (docs/ledger.md, "Coalesced debits"); default {@link DebitCoalescing#DEFAULTS}, {@link
     * DebitCoalescing#OFF} for one transaction per consume.
     */
    public Builder debitCoalescing(DebitCoalescing coalescing) {
      this.debitCoalescing = Objects.requireNonNull(coalescing, "debit coalescing");
      return this;
    }

    /** Attempts per transaction on serialization failures and deadlocks (default 50). */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Extra persistence-unit properties (provider tuning, logging). */
    public Builder property(String name, Object value) {
      properties.put(name, value);
      return this;
    }

    public Credits4j build() {
      if (replicaDataSource != null && replicaEmf != null) {
        throw new IllegalStateException(
            "CREDITS-0008 give the read replica as a data source or as an entity manager factory,"
                + " not both");
      }
      if ((replicaDataSource != null && replicaDataSource == dataSource)
          || (replicaEmf != null && replicaEmf == emf)) {
        throw new IllegalStateException(
            "CREDITS-0008 the read replica is the primary's own data source or factory");
      }
      return new Credits4j(this);
    }
  }
}
