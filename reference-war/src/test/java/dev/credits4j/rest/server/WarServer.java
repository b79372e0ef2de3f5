package dev.credits4j.rest.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.Notification;
import dev.credits4j.purchase.stripe.StripeGateway;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.purchase.stripe.StripeWebhooks;
import dev.credits4j.rest.CreditsApplication;
import dev.credits4j.rest.container.ApiSchema;
import dev.credits4j.rest.metrics.ApiMeters;
import dev.credits4j.rest.metrics.ObservedServices;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.problem.Problems;
import dev.credits4j.rest.security.ApiKeyPrincipal;
import dev.credits4j.rest.security.ApiKeys;
import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.session.LoginCheck;
import dev.credits4j.rest.session.SessionStore;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.Notifier;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.webhook.WebhookSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.weld.se.WeldInjectionManagerStore;
import org.glassfish.jersey.weld.se.WeldRequestScope;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The WAR's JAX-RS application on an embedded Jersey + Grizzly server with CDI from Weld SE, for
 * the tests of its HTTP behaviour: what a Jakarta EE server gives the WAR, and nothing more. The
 * SDK's and the API's beans over the given database (migrated by the API's schema too), HTTP Basic
 * logins against a fixed list (the server's identity store), the workspaces' API keys as {@code
 * Bearer}, the meters of {@code /api/v1/metrics}, and a notifier that records what the dispatcher
 * delivers; Stripe when a test gives its settings. No scheduler, no portal: the standalone server
 * adds those.
 */
public final class WarServer implements AutoCloseable {
  /** A login of the test identity store. */
  public record Login(String name, String password, Role role) {}

  private final EntityManagerFactory emf;
  private final ApiMeters meters;
  private final Weld weld;
  private final WeldContainer container;
  private final HttpServer http;
  private final URI baseUri;
  private final List<Notification> delivered = new CopyOnWriteArrayList<>();

  private WarServer(DataSource dataSource, List<Login> logins, StripeSettings stripe) {
    ApiSchema.migrate(dataSource);
    emf =
        Persistence.createEntityManagerFactory(
            Credits4j.PERSISTENCE_UNIT,
            Map.of(
                "jakarta.persistence.nonJtaDataSource",
                dataSource,
                "jakarta.persistence.transactionType",
                "RESOURCE_LOCAL",
                "eclipselink.session.customizer",
                NoRetry.class.getName()));
    meters = ApiMeters.withJvmMeters();
    SessionStore sessions =
        new SessionStore(dataSource, Clock.systemUTC(), SessionStore.DEFAULT_IDLE_TIMEOUT);
    LoginCheck check =
        (name, password) ->
            login(logins, name, password).map(l -> new LoginCheck.Login(l.name(), l.role()));
    Notifier notifier =
        new Notifier() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public void deliver(Notification n) {
            delivered.add(n);
          }
        };
    Beans given =
        new Beans()
            .add(EntityManagerFactory.class, emf, PERSISTENCE_UNIT)
            .add(DataSource.class, dataSource, PERSISTENCE_UNIT)
            .add(LedgerKeys.class, LedgerKeys.none())
            .add(WebhookSettings.class, WebhookSettings.DEFAULTS)
            .add(SessionStore.class, sessions)
            .add(LoginCheck.class, check)
            .add(Notifier.class, notifier);
    if (stripe != null) {
      // In the same extension: Weld keeps one instance of an extension class.
      given.add(StripeSettings.class, stripe).add(PaymentGateway.class, new StripeGateway(stripe));
    }
    weld =
        new Weld()
            .containerId("credits4j-war-test-" + System.identityHashCode(this))
            .disableDiscovery()
            .addBeanClasses(BEANS.toArray(Class[]::new))
            .addExtension(given)
            .addExtension(new ObservedServices(meters));
    if (stripe != null) {
      weld.addBeanClass(StripeWebhooks.class);
    }
    for (Class<?> c : CreditsApplication.components()) {
      if (c.isAnnotationPresent(Path.class)) {
        weld.addBeanClass(c);
      }
    }
    // With discovery off Weld loads no portable extension by itself: add Jersey's CDI integration.
    for (Extension e : ServiceLoader.load(Extension.class, WarServer.class.getClassLoader())) {
      if (e.getClass().getName().startsWith("org.glassfish.jersey.")) {
        weld.addExtension(e);
      }
    }
    container = weld.initialize();
    ResourceConfig app =
        new ResourceConfig()
            .registerClasses(CreditsApplication.components())
            .register(new Logins(logins, container.select(ApiKeys.class).get()))
            .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    http =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://localhost:0/api/"), app, false);
    try {
      http.start();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
    int port = http.getListeners().iterator().next().getPort();
    baseUri = URI.create("http://localhost:" + port + "/api/v1/");
  }

  /** Starts the WAR over {@code dataSource} on a free port; migrates the database first. */
  public static WarServer start(DataSource dataSource, List<Login> logins) {
    return new WarServer(dataSource, logins, null);
  }

  /** Starts the WAR with Stripe as its payment gateway ({@code POST /api/v1/webhooks/stripe}). */
  public static WarServer start(DataSource dataSource, List<Login> logins, StripeSettings stripe) {
    return new WarServer(dataSource, logins, stripe);
  }

  /**
   * A fresh in-memory H2 database of its own, behind a small pool as the test databases are, for a
   * test class that starts its own server; the class closes it after the server.
   */
  public static HikariDataSource h2() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        "jdbc:h2:mem:war"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(8);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setPoolName("credits-war-test-h2");
    return new HikariDataSource(config);
  }

  /** The API's base, {@code http://localhost:<port>/api/v1/}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The CDI container, for tests that check the ledger behind the API. */
  public WeldContainer container() {
    return container;
  }

  /** What the dispatcher delivered through the test notifier so far. */
  public List<Notification> delivered() {
    return List.copyOf(delivered);
  }

  @Override
  public synchronized void close() {
    http.shutdownNow();
    if (container.isRunning()) {
      weld.shutdown();
    }
    if (emf.isOpen()) {
      emf.close();
    }
    meters.close();
  }

  private static Optional<Login> login(List<Login> logins, String name, String password) {
    // Every password is compared, so a wrong name costs what a wrong password does.
    Login found = null;
    for (Login l : logins) {
      boolean match =
          java.security.MessageDigest.isEqual(
              l.password().getBytes(StandardCharsets.UTF_8),
              password.getBytes(StandardCharsets.UTF_8));
      if (l.name().equals(name) && match) {
        found = l;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * EclipseLink as hosts configure it (the standalone server's {@code FailFast}): no reconnect and
   * retry of a failed query, no ping of the connection after an error (which on PostgreSQL fails in
   * the aborted transaction and turns a unique violation into a lost database).
   */
  public static final class NoRetry implements SessionCustomizer {
    @Override
    public void customize(Session session) {
      if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
        login.setQueryRetryAttemptCount(0);
        login.setConnectionHealthValidatedOnError(false);
      }
    }
  }

  /** The SDK's services and the API's beans, as a Jakarta EE server finds them in the WAR. */
  private static final List<Class<?>> BEANS =
      Stream.of(
              Credits4j.cdiBeanClasses(),
              CreditsApplication.beans(),
              // Jersey's Weld SE glue: the request scope of each request, the injection store.
              List.of(WeldRequestScope.class, WeldInjectionManagerStore.class))
          .<Class<?>>flatMap(Collection::stream)
          .toList();

  private static final Annotation PERSISTENCE_UNIT = new PersistenceUnitLiteral();

  private static final class PersistenceUnitLiteral
      extends AnnotationLiteral<CreditsPersistenceUnit> implements CreditsPersistenceUnit {
    private static final long serialVersionUID = 1L;
  }

  /** What the host gives the container: singletons of the given types. */
  private static final class Beans implements Extension {
    private record Given(Class<?> type, Object instance, Annotation[] qualifiers) {}

    private final List<Given> beans = new ArrayList<>();

    <T> Beans add(Class<T> type, T instance, Annotation... qualifiers) {
      beans.add(new Given(type, instance, qualifiers));
      return this;
    }

    void addBeans(@Observes AfterBeanDiscovery abd) {
      for (Given b : beans) {
        var bean =
            abd.addBean()
                .beanClass(WarServer.class)
                .types(b.type(), Object.class)
                .scope(Singleton.class)
                .createWith(c -> b.instance());
        if (b.qualifiers().length > 0) {
          bean.qualifiers(b.qualifiers()).addQualifier(Any.Literal.INSTANCE);
        }
      }
    }
  }

  /**
   * The server's authentication in front of the API: HTTP Basic against the logins (wrong ones are
   * 401 at once, none go on anonymous), API keys as {@code Bearer} (a wrong, expired or revoked key
   * is 401).
   */
  @PreMatching
  @Priority(Priorities.AUTHENTICATION)
  static final class Logins implements ContainerRequestFilter {
    private final List<Login> logins;
    private final ApiKeys keys;

    Logins(List<Login> logins, ApiKeys keys) {
      this.logins = logins;
      this.keys = keys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
      if (header == null) {
        return;
      }
      if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        Optional<ApiKeyPrincipal> key = keys.authenticate(header.substring(7).trim());
        if (key.isEmpty()) {
          refuse(request, "Bearer");
        } else {
          act(request, key.get(), key.get()::hasRole, "Bearer");
        }
        return;
      }
      Optional<Login> login = basic(header);
      if (login.isEmpty()) {
        refuse(request, "Basic");
      } else {
        Login l = login.get();
        act(request, l::name, l.role().roleName()::equals, SecurityContext.BASIC_AUTH);
      }
    }

    private Optional<Login> basic(String header) {
      if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return Optional.empty();
      }
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      return colon < 0
          ? Optional.empty()
          : login(logins, decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static void refuse(ContainerRequestContext request, String scheme) {
      request.abortWith(
          Problems.of(
              new ApiException(
                  ApiError.UNAUTHENTICATED,
                  "wrong credentials",
                  List.of(),
                  Map.of(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=\"credits4j\""))));
    }

    private static void act(
        ContainerRequestContext request,
        Principal principal,
        Predicate<String> inRole,
        String scheme) {
      boolean secure = request.getSecurityContext().isSecure();
      request.setSecurityContext(
          new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
              return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
              return inRole.test(role);
            }

            @Override
            public boolean isSecure() {
              return secure;
            }

            @Override
            public String getAuthenticationScheme() {
              return scheme;
            }
          });
    }
  }
}
