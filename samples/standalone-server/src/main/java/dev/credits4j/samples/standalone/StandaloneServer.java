package dev.credits4j.samples.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Reports;
import dev.credits4j.api.Statements;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.Webhooks;
import dev.credits4j.api.Workspaces;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.purchase.stripe.StripeWebhooks;
import dev.credits4j.rest.CreditsApplication;
import dev.credits4j.rest.container.ApiSchema;
import dev.credits4j.rest.metrics.ApiMeters;
import dev.credits4j.rest.metrics.ObservedServices;
import dev.credits4j.rest.security.ApiKeys;
import dev.credits4j.rest.security.Membership;
import dev.credits4j.rest.security.WorkspaceMemberships;
import dev.credits4j.rest.session.SessionStore;
import dev.credits4j.samples.standalone.ServerConfig.Metrics;
import dev.credits4j.samples.standalone.ServerConfig.User;
import dev.credits4j.spi.CheckpointSink;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.weld.se.WeldInjectionManagerStore;
import org.glassfish.jersey.weld.se.WeldRequestScope;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The reference WAR's JAX-RS application, standalone: Jersey on Grizzly, CDI from Weld SE, the SDK
 * over a pooled database (an H2 file under {@code ./data} unless {@code CREDITS_DB_URL} names
 * another), migrated on start, with HTTP Basic logins from a configured list and a demo workspace
 * seeded once; a {@link CreditsScheduler} runs the SDK's jobs and delivers notifications (to the
 * log, and by e-mail when SMTP is configured). See {@link ServerConfig} for the settings and the
 * module's README.
 */
public final class StandaloneServer implements AutoCloseable {
  /** Libraries' start-up chatter, kept to warnings; held here so the settings are not collected. */
  private static final List<Logger> QUIET_LOGGERS =
      java.util.stream.Stream.of(
              "com.zaxxer.hikari",
              "org.jboss.weld",
              "org.glassfish",
              "org.flywaydb",
              "org.javamoney")
          .map(Logger::getLogger)
          .toList();

  /** Jersey warns that an optional provider (jakarta.activation) is absent: it is not needed. */
  private static final Logger JERSEY_PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.message.internal.MessagingBinders");

  /** The scheduled job that delivers pending notifications. */
  public static final String NOTIFICATIONS = "notifications";

  /** The scheduled job that queues expiring-soon warnings. */
  public static final String EXPIRY_WARNINGS = "expiry-warnings";

  private final ServerConfig config;
  private final HikariDataSource dataSource;
  private final EntityManagerFactory emf;
  private final EntityManagerFactory replicaEmf;
  private final HikariDataSource replicaDataSource;
  private final Weld weld;
  private final WeldContainer container;
  private final HttpServer http;
  private final CreditsScheduler scheduler;
  private final URI baseUri;
  private final boolean seeded;
  private final LedgerKeySettings ledgerKeys;
  private final ApiMeters meters;
  private final URI portalUri;

  private StandaloneServer(
      ServerConfig config,
      LedgerKeySettings ledgerKeys,
      SessionSettings sessionSettings,
      ReplicaSettings replica) {
    this.config = config;
    this.ledgerKeys = ledgerKeys;
    ApiMeters registry = config.metrics() == Metrics.OFF ? null : ApiMeters.withJvmMeters();
    this.dataSource = pool(config, registry);
    boolean started = false;
    Opened o = new Opened();
    try {
      openPersistence(o, replica);
      SessionStore sessions =
          new SessionStore(dataSource, sessionSettings.clock(), sessionSettings.idleTimeout());
      o.weld =
          weld(o.factory, o.replicaFactory, dataSource, config, ledgerKeys, registry)
              .addExtension(new SessionBeans(sessions, new ConfiguredLogins(config.users())));
      o.container = o.weld.initialize();
      WeldContainer c = o.container;
      this.seeded = config.seedDemo() && seedDemo(c);
      grantMemberships(c.select(WorkspaceMemberships.class).get(), config.users());
      o.jobs =
          config.jobsInterval() == null
              ? null
              : scheduler(c, config.jobsInterval(), ledgerKeys.checkpointFile());
      HttpServer server = startHttp(config, c, sessions, registry);
      int port = server.getListeners().iterator().next().getPort();
      this.http = server;
      this.baseUri = URI.create("http://" + displayHost(config.host()) + ":" + port + "/api/v1/");
      this.portalUri = baseUri.resolve(PortalHandler.PATH);
      started = true;
    } catch (IOException e) {
      throw new UncheckedIOException("CREDITS-0813 could not listen on port " + config.port(), e);
    } finally {
      if (!started) {
        o.closeAll(dataSource, registry);
      }
    }
    this.meters = registry;
    this.emf = o.factory;
    this.replicaEmf = o.replicaFactory;
    this.replicaDataSource = o.replicaPool;
    this.weld = o.weld;
    this.container = o.container;
    this.scheduler = o.jobs;
  }

  /**
   * What the constructor has opened so far: closed, newest first, when the server fails to start.
   */
  private static final class Opened {
    EntityManagerFactory factory;
    HikariDataSource replicaPool;
    EntityManagerFactory replicaFactory;
    Weld weld;
    WeldContainer container;
    CreditsScheduler jobs;

    void closeAll(HikariDataSource dataSource, ApiMeters registry) {
      if (jobs != null) {
        jobs.close();
      }
      if (container != null) {
        weld.shutdown();
      }
      if (replicaFactory != null) {
        replicaFactory.close();
      }
      if (replicaPool != null) {
        replicaPool.close();
      }
      if (factory != null) {
        factory.close();
      }
      dataSource.close();
      if (registry != null) {
        registry.close();
      }
    }
  }

  /**
   * Migrates the database, then opens the SDK's persistence unit over it, and over the replica's
   * pool when one is configured.
   */
  private void openPersistence(Opened o, ReplicaSettings replica) {
    ApiSchema.migrate(dataSource);
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.nonJtaDataSource", dataSource);
    props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    props.put("eclipselink.session.customizer", FailFast.Customizer.class.getName());
    o.factory = Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
    if (replica != null) {
      o.replicaPool = replicaPool(replica);
      Map<String, Object> replicaProps = new HashMap<>(props);
      replicaProps.put("jakarta.persistence.nonJtaDataSource", o.replicaPool);
      o.replicaFactory =
          Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, replicaProps);
    }
  }

  /** Seeds the demo workspace unless an earlier start did; true when it was seeded now. */
  private static boolean seedDemo(WeldContainer c) {
    return DemoWorkspace.seed(
        c.select(Workspaces.class).get(),
        c.select(PackageCatalog.class).get(),
        c.select(Offerings.class).get(),
        c.select(CreditLedger.class).get());
  }

  /**
   * The HTTP server, started: the API under {@code /api/}, the portal at the root, and the metrics
   * page when metrics are on.
   */
  private static HttpServer startHttp(
      ServerConfig config, WeldContainer c, SessionStore sessions, ApiMeters registry)
      throws IOException {
    URI listen = URI.create("http://" + config.host() + ":" + config.port() + "/api/");
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            listen,
            resourceConfig(config.users(), c.select(ApiKeys.class).get(), sessions),
            /* start= */ false);
    guardPaths(server);
    server.getServerConfiguration().addHttpHandler(new PortalHandler(), "/");
    if (registry != null) {
      server
          .getServerConfiguration()
          .addHttpHandler(
              new MetricsHandler(
                  registry, config.metrics(), new BasicAuthentication(config.users())),
              MetricsHandler.PATH);
    }
    server.start();
    return server;
  }

  /**
   * The memberships of the configured logins, granted at every start: a membership the list names
   * is (re)created as it says; others, managed through {@code /members}, are left alone.
   */
  private static void grantMemberships(WorkspaceMemberships memberships, List<User> users) {
    for (User u : users) {
      for (Membership m : u.toMemberships()) {
        if (!memberships.find(m.workspace(), m.principal()).equals(Optional.of(m))) {
          memberships.save(m);
        }
      }
    }
  }

  /**
   * The SDK's jobs (expiry sweep, allotments, purchase reconciliation, refund resend, hold release,
   * reports' daily rollup, subscription charges) and the notification dispatcher and expiring-soon
   * warnings, each every {@code interval}, the first runs at once.
   */
  private static CreditsScheduler scheduler(
      WeldContainer c, Duration interval, java.nio.file.Path checkpointFile) {
    NotificationDispatcher dispatcher = c.select(NotificationDispatcher.class).get();
    ExpiryWarnings warnings = c.select(ExpiryWarnings.class).get();
    CreditsScheduler.Builder b =
        CreditsScheduler.forServices(
                c.select(ExpirySweep.class).get(),
                c.select(Allotments.class).get(),
                c.select(Purchases.class).get(),
                c.select(Reports.class).get())
            .holdRelease(c.select(CreditLedger.class).get())
            .every(CreditsScheduler.EXPIRY, interval)
            .every(CreditsScheduler.ALLOTMENTS, interval)
            .every(CreditsScheduler.PURCHASE_RECONCILIATION, interval)
            .every(CreditsScheduler.REPORT_ROLLUP, interval)
            .every(CreditsScheduler.REFUND_RESEND, interval)
            .every(CreditsScheduler.HOLD_RELEASE, interval)
            .register(NOTIFICATIONS, interval, dispatcher::dispatchPending)
            .register(EXPIRY_WARNINGS, interval, warnings::sendDueNow)
            .webhooks(c.select(Webhooks.class).get())
            .every(CreditsScheduler.WEBHOOKS, interval)
            .autoTopUps(c.select(AutoTopUps.class).get())
            .every(CreditsScheduler.AUTO_TOP_UP, interval)
            .subscriptions(c.select(Subscriptions.class).get())
            .every(CreditsScheduler.SUBSCRIPTIONS, interval)
            .statements(c.select(Statements.class).get())
            .every(CreditsScheduler.STATEMENTS, interval);
    if (checkpointFile != null) {
      CreditLedger ledger = c.select(CreditLedger.class).get();
      CheckpointSink sink = CheckpointSink.toFile(checkpointFile);
      b.register(
          LEDGER_CHECKPOINT,
          interval,
          () -> {
            try {
              sink.write(ledger.checkpointAll());
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(
                  "CREDITS-0831 cannot write the checkpoint " + checkpointFile, e);
            }
          });
    }
    return b.start();
  }

  /** The scheduled job writing signed ledger checkpoints to {@code CREDITS_CHECKPOINT_FILE}. */
  public static final String LEDGER_CHECKPOINT = "ledger-checkpoint";

  /** Starts a server; {@link #close()} stops it. */
  public static StandaloneServer start(ServerConfig config) {
    return start(config, LedgerKeySettings.none());
  }

  /** Starts a server with ledger keys (and optionally checkpoints); {@link #close()} stops it. */
  public static StandaloneServer start(ServerConfig config, LedgerKeySettings ledgerKeys) {
    return start(config, ledgerKeys, SessionSettings.defaults());
  }

  /** Starts a server with ledger keys and the portal's session settings. */
  public static StandaloneServer start(
      ServerConfig config, LedgerKeySettings ledgerKeys, SessionSettings sessions) {
    return start(config, ledgerKeys, sessions, ReplicaSettings.from(System.getenv(), config));
  }

  /**
   * Starts a server whose reports, history pages and exports read from {@code replica} (null: the
   * primary only).
   */
  static StandaloneServer start(
      ServerConfig config,
      LedgerKeySettings ledgerKeys,
      SessionSettings sessions,
      ReplicaSettings replica) {
    return new StandaloneServer(config, ledgerKeys, sessions, replica);
  }

  public static void main(String[] args) {
    QUIET_LOGGERS.forEach(l -> l.setLevel(Level.WARNING));
    JERSEY_PROVIDERS.setLevel(Level.SEVERE);
    StandaloneServer server;
    try {
      server =
          start(
              ServerConfig.fromEnvironment(),
              LedgerKeySettings.fromEnvironment(),
              SessionSettings.fromEnvironment());
    } catch (RuntimeException e) {
      System.err.println("credits4j standalone server could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "credits4j-shutdown"));
    server.printBanner(System.out);
    try {
      Thread.currentThread().join(); // serve until the process is stopped
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The API's base, e.g. {@code http://localhost:8080/api/v1/}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The browser portal, e.g. {@code http://localhost:8080/portal/}. */
  public URI portalUri() {
    return portalUri;
  }

  /** Whether this start created the demo workspace (false when it existed already). */
  public boolean seededDemo() {
    return seeded;
  }

  /** The scheduled jobs, unless {@code CREDITS_JOBS=off}. */
  public Optional<CreditsScheduler> scheduler() {
    return Optional.ofNullable(scheduler);
  }

  /** The {@code GET /metrics} URL (whether it is served depends on {@code CREDITS_METRICS}). */
  public URI metricsUri() {
    return baseUri.resolve("/metrics");
  }

  /** The CDI container, for tests that check the ledger behind the API. */
  public WeldContainer container() {
    return container;
  }

  void printBanner(PrintStream out) {
    out.println("credits4j standalone server: " + baseUri);
    out.println(
        "  portal (browser): "
            + portalUri
            + " (clients; team and admins: "
            + portalUri.resolve("console.html")
            + ")");
    out.println("  OpenAPI document: " + baseUri + "openapi");
    out.println("  database:         " + config.dbUrl());
    out.println(
        "  ledger keys:      "
            + (ledgerKeys.keys().configured()
                ? ledgerKeys.source()
                    + ", current key id "
                    + ledgerKeys.keys().currentKeyId().orElseThrow()
                : "none: not tamper-evident")
            + (ledgerKeys.checkpointFile() == null
                ? ""
                : "; checkpoints to " + ledgerKeys.checkpointFile()));
    out.println(
        "  Stripe:           "
            + (config.stripe() == null
                ? "off (set CREDITS_STRIPE_* to turn it on)"
                : "on, webhooks at " + baseUri + "webhooks/stripe"));
    out.println(
        "  jobs:             "
            + (scheduler == null
                ? "off (CREDITS_JOBS=off)"
                : "every " + config.jobsInterval().toSeconds() + " s: " + jobNames()));
    out.println(
        "  notifications:    log"
            + (config.mail() == null
                ? " (set CREDITS_SMTP_* for e-mail)"
                : " and e-mail via " + config.mail().smtp().host()));
    out.println(
        "  metrics:          "
            + switch (config.metrics()) {
              case OPERATOR -> baseUri.resolve("/metrics") + " (operator logins; CREDITS_METRICS)";
              case PUBLIC -> baseUri.resolve("/metrics") + " (no login: CREDITS_METRICS=public)";
              case OFF -> "off (CREDITS_METRICS=off)";
            });
    if (config.seedDemo()) {
      out.println(
          "  demo workspace:   "
              + DemoWorkspace.WORKSPACE
              + (seeded ? " (created now)" : " (kept from an earlier start)"));
    }
    boolean demoUsers = config.users().equals(ServerConfig.DEMO_USERS);
    out.println("  logins (HTTP Basic):");
    for (User u : config.users()) {
      out.println(
          "    "
              + u.name()
              + (demoUsers ? " / " + u.password() : "")
              + "  ("
              + u.role().roleName()
              + (u.memberships().isEmpty()
                  ? ""
                  : " in "
                      + String.join(
                          ", ",
                          u.memberships().stream().map(ServerConfig.Grant::toString).toList()))
              + ")");
    }
    if (demoUsers) {
      out.println(
          "  try: curl -u acme:acme-demo " + baseUri + "workspaces/demo/organizations/acme/wallet");
    }
    out.println("  stop with Ctrl+C");
  }

  private String jobNames() {
    return String.join(
        ", ", scheduler.jobs().stream().map(CreditsScheduler.JobStatus::name).toList());
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }

  /** The connection pool, its meters ({@code hikaricp_*}) in {@code meters} when there are any. */
  private static HikariDataSource pool(ServerConfig config, ApiMeters meters) {
    HikariConfig h = new HikariConfig();
    h.setJdbcUrl(config.dbUrl());
    h.setUsername(config.dbUser());
    h.setPassword(config.dbPassword());
    h.setMaximumPoolSize(poolSize(System.getenv()));
    h.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    h.setPoolName("credits4j-standalone");
    FailFast.from(System.getenv()).apply(h, config.dbUrl());
    if (meters != null) {
      h.setMetricRegistry(meters.registry());
    }
    return new HikariDataSource(h);
  }

  /** The read replica's pool: read-only connections, READ COMMITTED, the primary's timeouts. */
  private static HikariDataSource replicaPool(ReplicaSettings replica) {
    HikariConfig h = new HikariConfig();
    h.setJdbcUrl(replica.url());
    h.setUsername(replica.user());
    h.setPassword(replica.password());
    h.setMaximumPoolSize(replica.poolSize());
    h.setReadOnly(true);
    h.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    h.setPoolName("credits4j-standalone-replica");
    FailFast.from(System.getenv()).apply(h, replica.url());
    return new HikariDataSource(h);
  }

  /**
   * The most database connections the server holds: {@code CREDITS_DB_POOL_SIZE}, 1 to 200, 16 by
   * default. Size it so that every node's pool together stays under the database's connection limit
   * (PostgreSQL's {@code max_connections} is 100 by default).
   */
  static int poolSize(Map<String, String> env) {
    String text = env.get("CREDITS_DB_POOL_SIZE");
    if (text == null || text.isBlank()) {
      return 16;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= 200) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "CREDITS-0818 CREDITS_DB_POOL_SIZE must be 1 to 200 connections, got '" + text + "'");
  }

  /**
   * Weld with discovery off: exactly the SDK's services, the WAR's API beans and the server's own
   * persistence unit. Nothing else on the class path (a Jakarta EE server's wiring, say) joins.
   */
  private static Weld weld(
      EntityManagerFactory emf,
      EntityManagerFactory replicaEmf,
      DataSource dataSource,
      ServerConfig config,
      LedgerKeySettings ledgerKeys,
      ApiMeters meters) {
    StripeSettings stripe = config.stripe();
    Weld weld =
        new Weld()
            .containerId("credits4j-standalone-" + System.identityHashCode(emf))
            .disableDiscovery()
            .addBeanClasses(Credits4j.cdiBeanClasses().toArray(Class<?>[]::new))
            .addBeanClasses(CreditsApplication.beans().toArray(Class<?>[]::new))
            .addBeanClasses(
                LoggingNotifier.class,
                // Jersey's Weld SE glue: the request scope of each request, the injection store.
                WeldRequestScope.class,
                WeldInjectionManagerStore.class)
            .addExtension(
                new ServerBeans(
                    emf, replicaEmf, dataSource, stripe, config.mail(), ledgerKeys.keys()));
    if (stripe != null) {
      weld.addBeanClass(StripeWebhooks.class);
    }
    if (meters != null) {
      weld.addExtension(new ObservedServices(meters));
    }
    for (Class<?> c : CreditsApplication.components()) {
      if (c.isAnnotationPresent(Path.class)) {
        weld.addBeanClass(c);
      }
    }
    // With discovery off Weld loads no portable extension by itself: add Jersey's CDI integration
    // (resources as CDI beans), and only it.
    for (Extension e :
        ServiceLoader.load(Extension.class, StandaloneServer.class.getClassLoader())) {
      if (e.getClass().getName().startsWith("org.glassfish.jersey.")) {
        weld.addExtension(e);
      }
    }
    return weld;
  }

  /**
   * Puts the {@link PathGuard} in front of each listener's HTTP server filter, before Grizzly maps
   * (and decodes) the request path.
   */
  private static void guardPaths(HttpServer server) {
    for (var listener : server.getListeners()) {
      listener.registerAddOn(
          (l, builder) ->
              builder.add(
                  builder.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class),
                  new PathGuard()));
    }
  }

  private static ResourceConfig resourceConfig(
      List<User> users, ApiKeys keys, SessionStore sessions) {
    return new ResourceConfig()
        .registerClasses(CreditsApplication.components())
        .register(new BasicAuthentication(users))
        .register(new BearerAuthentication(keys))
        .register(new SessionAuthentication(sessions))
        .property(ServerProperties.WADL_FEATURE_DISABLE, true);
  }

  /**
   * Stops HTTP, then the scheduled jobs (waiting for running ones), then CDI, then the database.
   */
  @Override
  public synchronized void close() {
    http.shutdownNow();
    if (scheduler != null) {
      scheduler.close();
    }
    if (container.isRunning()) {
      weld.shutdown();
    }
    if (replicaEmf != null && replicaEmf.isOpen()) {
      replicaEmf.close();
    }
    if (replicaDataSource != null) {
      replicaDataSource.close();
    }
    if (emf.isOpen()) {
      emf.close();
    }
    dataSource.close();
    if (meters != null) {
      meters.close();
    }
  }
}
