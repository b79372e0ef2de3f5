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
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.problem.Problems;
import dev.credits4j.rest.security.ApiKeyPrincipal;
import dev.credits4j.rest.security.ApiKeys;
import dev.credits4j.rest.security.RequestSecurity;
import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.security.web.RequestAuthentication;
import dev.credits4j.rest.security.web.SessionCookie;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Bearer}, the portal's session cookie through the WAR's own {@link SessionCookie} (sessions on the
 * system clock, or a test's), the meters of {@code /api/v1/metrics}, and a notifier that records
 * what the dispatcher delivers; Stripe when a test gives its settings. No scheduler, no portal's
 * static files: the standalone server adds those.
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

  private WarServer(
      DataSource dataSource,
      List<Login> logins,
      StripeSettings stripe,
      Clock sessionClock,
      Duration idleTimeout) {
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
    SessionStore sessions = new SessionStore(dataSource, sessionClock, idleTimeout);
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
            // The WAR's session cookie mechanism, which the Logins filter asks.
            .addBeanClass(SessionCookie.class)
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
            .register(
                new Logins(
                    logins,
                    container.select(ApiKeys.class).get(),
                    container.select(SessionCookie.class).get()))
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
    return new WarServer(
        dataSource, logins, null, Clock.systemUTC(), SessionStore.DEFAULT_IDLE_TIMEOUT);
  }

  /** Starts the WAR with Stripe as its payment gateway ({@code POST /api/v1/webhooks/stripe}). */
  public static WarServer start(DataSource dataSource, List<Login> logins, StripeSettings stripe) {
    return new WarServer(
        dataSource, logins, stripe, Clock.systemUTC(), SessionStore.DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * Starts the WAR with the portal's sessions measured by {@code sessionClock} (a test's clock) and
   * ended after {@code idleTimeout} unused.
   */
  public static WarServer start(
      DataSource dataSource, List<Login> logins, Clock sessionClock, Duration idleTimeout) {
    return new WarServer(dataSource, logins, null, sessionClock, idleTimeout);
  }

  /**
   * Closes each of {@code parts} that is not null, in order (the server before its database before
   * the stand-ins it called), every one of them even when one fails: the first failure is thrown,
   * the others added to it as suppressed. For the {@code @AfterAll} of a class that starts its own
   * server.
   */
  public static void closeAll(AutoCloseable... parts) throws Exception {
    Exception first = null;
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
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
   * The server's authentication in front of the API, as the WAR's {@code ApiAuthenticationFilter}
   * does it on a Jakarta EE server: HTTP Basic against the logins (wrong ones are 401 at once, none
   * go on anonymous), API keys as {@code Bearer} (a wrong, expired or revoked key is 401), and,
   * without an {@code Authorization} header, the portal's session cookie through the WAR's own
   * {@link SessionCookie} (a change without the session's CSRF token is 403; an ended session goes
   * on anonymous, and its 401 carries no {@code WWW-Authenticate}).
   */
  @PreMatching
  @Priority(Priorities.AUTHENTICATION)
  static final class Logins implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String CARRIED_COOKIE = Logins.class.getName() + ".cookie";

    private final List<Login> logins;
    private final ApiKeys keys;
    private final SessionCookie sessions;

    Logins(List<Login> logins, ApiKeys keys, SessionCookie sessions) {
      this.logins = logins;
      this.keys = keys;
      this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
      if (header == null) {
        session(request);
        return;
      }
      if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        Optional<ApiKeyPrincipal> key = keys.authenticate(header.substring(7).trim());
        if (key.isEmpty()) {
          RequestSecurity.refuse(request, "Bearer", "wrong credentials");
        } else {
          RequestSecurity.actAs(request, key.get(), key.get()::hasRole, "Bearer");
        }
        return;
      }
      Optional<Login> login = basic(header);
      if (login.isEmpty()) {
        RequestSecurity.refuse(request, "Basic", "wrong credentials");
      } else {
        Login l = login.get();
        RequestSecurity.actAs(
            request, l::name, l.role().roleName()::equals, SecurityContext.BASIC_AUTH);
      }
    }

    /** The session cookie, through the WAR's mechanism over a view of the request. */
    private void session(ContainerRequestContext request) {
      jakarta.ws.rs.core.Cookie cookie = request.getCookies().get(SessionStore.COOKIE);
      if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
        return;
      }
      request.setProperty(CARRIED_COOKIE, Boolean.TRUE);
      RequestAuthentication.Outcome outcome = sessions.authenticate(servletView(request));
      if (outcome == null) {
        return; // an ended session: anonymous
      }
      if (outcome.isRefused()) {
        request.abortWith(Problems.of(new ApiException(outcome.error(), outcome.detail())));
        return;
      }
      HttpServletRequest caller = outcome.request();
      RequestSecurity.actAs(
          request, caller.getUserPrincipal(), caller::isUserInRole, caller.getAuthType());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getStatus() == 401 && request.getProperty(CARRIED_COOKIE) != null) {
        // A browser whose session has ended: no Basic prompt over the portal's sign-in.
        response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
      }
    }

    /**
     * What {@link SessionCookie} reads of a servlet request (cookies, headers, method, path info),
     * from the JAX-RS request; Grizzly's HTTP server has no servlet layer.
     */
    private static HttpServletRequest servletView(ContainerRequestContext request) {
      return (HttpServletRequest)
          Proxy.newProxyInstance(
              WarServer.class.getClassLoader(),
              new Class<?>[] {HttpServletRequest.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getCookies" ->
                        request.getCookies().values().stream()
                            .map(c -> new jakarta.servlet.http.Cookie(c.getName(), c.getValue()))
                            .toArray(jakarta.servlet.http.Cookie[]::new);
                    case "getHeader" -> request.getHeaderString((String) args[0]);
                    case "getMethod" -> request.getMethod();
                    case "getPathInfo" -> "/" + request.getUriInfo().getPath();
                    case "getUserPrincipal" -> null;
                    case "isUserInRole" -> false;
                    case "getAuthType" -> null;
                    case "toString" -> "servlet view of " + request.getUriInfo().getRequestUri();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default ->
                        throw new UnsupportedOperationException(
                            "the test server's servlet view has no " + method.getName());
                  });
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
  }
}
