package dev.credits4j.samples.standalone;

import dev.credits4j.api.CreditsException;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.rest.security.Membership;
import dev.credits4j.rest.security.Role;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the standalone server runs with, from environment variables:
 *
 * <ul>
 *   <li>{@code CREDITS_PORT}: the HTTP port, 8080 by default (0: any free port);
 *   <li>{@code CREDITS_HOST}: the address to listen on, {@code localhost} by default ({@code
 *       0.0.0.0} for every interface);
 *   <li>{@code CREDITS_DB_URL}, {@code CREDITS_DB_USER}, {@code CREDITS_DB_PASSWORD}: any JDBC
 *       database the SDK supports; by default an H2 file under {@code ./data}, so data survives a
 *       restart;
 *   <li>{@code CREDITS_USERS}: the logins, {@code name:password:role[:memberships][,...]} with role
 *       {@code admin}, {@code team}, {@code client} or {@code operator}; memberships are {@code
 *       workspace} (staff) or {@code workspace/organization} (a client), several joined with {@code
 *       +}, granted at every start (see {@link #users(String)});
 *   <li>{@code CREDITS_DEMO}: without {@code CREDITS_USERS} the server knows the three demo logins
 *       ({@link #DEMO_USERS}), but only when it listens on a loopback address; {@code on} allows
 *       them on any address, {@code off} never;
 *   <li>{@code CREDITS_STRIPE_API_KEY}, {@code CREDITS_STRIPE_WEBHOOK_SECRET}, {@code
 *       CREDITS_STRIPE_SUCCESS_URL}, {@code CREDITS_STRIPE_CANCEL_URL}: all four turn on the Stripe
 *       gateway ({@code "gateway": "stripe"}) and {@code POST /api/v1/webhooks/stripe};
 *   <li>{@code CREDITS_JOBS}: {@code off} stops the scheduler (the expiry sweep, allotments,
 *       purchase reconciliation, notification dispatch and expiring-soon warnings), on by default;
 *       {@code CREDITS_JOBS_INTERVAL}: seconds between runs of each job, 60 by default;
 *   <li>{@code CREDITS_SMTP_HOST}, {@code CREDITS_SMTP_PORT} (587), {@code CREDITS_SMTP_FROM},
 *       {@code CREDITS_SMTP_USER}, {@code CREDITS_SMTP_PASSWORD}, {@code CREDITS_SMTP_TLS} ({@code
 *       NONE}, {@code STARTTLS} (default), {@code STARTTLS_REQUIRED}, {@code SMTPS}): e-mail
 *       notifications, to the addresses {@code CREDITS_MAIL_TO} gives per organization ({@code
 *       ws/org=a@x;b@y,ws/*=c@z}, {@code *} for any); without a host, notifications go to the log
 *       only;
 *   <li>{@code CREDITS_METRICS}: who may read the Prometheus metrics at {@code GET /metrics}:
 *       {@code operator} (default: a login with the platform operator role), {@code public} (no
 *       login: a scraper on a private network) or {@code off} (404).
 * </ul>
 *
 * @param seedDemo whether to create the {@code demo} workspace on start (once)
 * @param stripe the Stripe account; null for none
 * @param jobsInterval how often each scheduled job runs; null for no scheduler
 * @param mail e-mail notifications; null for none (the log only)
 * @param metrics who may read {@code GET /metrics}
 */
public record ServerConfig(
    String host,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    List<User> users,
    boolean seedDemo,
    StripeSettings stripe,
    Duration jobsInterval,
    MailSettings mail,
    Metrics metrics) {

  /**
   * Who may read the Prometheus metrics at {@code GET /metrics} ({@code CREDITS_METRICS}): the
   * platform operators (the default), anyone who reaches the port, or nobody (404).
   */
  public enum Metrics {
    OPERATOR,
    PUBLIC,
    OFF
  }

  /** The interval of the scheduled jobs unless {@code CREDITS_JOBS_INTERVAL} says otherwise. */
  public static final Duration DEFAULT_JOBS_INTERVAL = Duration.ofSeconds(60);

  /**
   * A login of the configured user list, with the workspaces it is a member of (as its role; a
   * client bound to one organization of each).
   */
  public record User(String name, String password, Role role, List<Grant> memberships) {
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(role, "role");
      memberships = List.copyOf(memberships);
      for (Grant g : memberships) {
        if ((role == Role.CLIENT) != (g.organization() != null)) {
          throw new IllegalArgumentException(
              "CREDITS-0812 user "
                  + name
                  + ": a client's membership is workspace/organization, a staff member's"
                  + " workspace");
        }
      }
      if (role == Role.OPERATOR && !memberships.isEmpty()) {
        throw new IllegalArgumentException(
            "CREDITS-0812 user " + name + ": an operator is a member of no workspace");
      }
    }

    /** A login that is a member of no workspace (yet). */
    public User(String name, String password, Role role) {
      this(name, password, role, List.of());
    }

    /** These memberships, as the API's membership store keeps them. */
    public List<Membership> toMemberships() {
      return memberships.stream()
          .map(
              g ->
                  role == Role.CLIENT
                      ? Membership.client(g.workspace(), name, g.organization())
                      : Membership.staff(g.workspace(), name, role))
          .toList();
    }
  }

  /** A membership of a configured login: a workspace, and for a client its organization. */
  public record Grant(String workspace, String organization) {
    public Grant {
      Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public String toString() {
      return organization == null ? workspace : workspace + "/" + organization;
    }
  }

  /** The demo logins the README states, members of the demo workspace. */
  public static final List<User> DEMO_USERS =
      List.of(
          new User("admin", "admin-demo", Role.ADMIN, List.of(new Grant("demo", null))),
          new User("team", "team-demo", Role.TEAM, List.of(new Grant("demo", null))),
          new User("acme", "acme-demo", Role.CLIENT, List.of(new Grant("demo", "acme"))));

  public ServerConfig {
    users = List.copyOf(users);
    Objects.requireNonNull(metrics, "metrics");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("CREDITS-0811 CREDITS_PORT must be 0 to 65535: " + port);
    }
    if (jobsInterval != null && (jobsInterval.isNegative() || jobsInterval.toMillis() < 1)) {
      throw new IllegalArgumentException(
          "CREDITS-0816 the jobs interval must be positive: " + jobsInterval);
    }
  }

  /** Without scheduled jobs or e-mail. */
  public ServerConfig(
      String host,
      int port,
      String dbUrl,
      String dbUser,
      String dbPassword,
      List<User> users,
      boolean seedDemo,
      StripeSettings stripe) {
    this(host, port, dbUrl, dbUser, dbPassword, users, seedDemo, stripe, null, null);
  }

  /** Metrics for the operators only. */
  public ServerConfig(
      String host,
      int port,
      String dbUrl,
      String dbUser,
      String dbPassword,
      List<User> users,
      boolean seedDemo,
      StripeSettings stripe,
      Duration jobsInterval,
      MailSettings mail) {
    this(
        host,
        port,
        dbUrl,
        dbUser,
        dbPassword,
        users,
        seedDemo,
        stripe,
        jobsInterval,
        mail,
        Metrics.OPERATOR);
  }

  /** The H2 file database under {@code dir}: {@code <dir>/credits4j.mv.db}. */
  public static String h2File(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("credits4j") + ";LOCK_TIMEOUT=10000";
  }

  /** The configuration from the process environment. */
  public static ServerConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static ServerConfig from(Map<String, String> env) {
    String portText = env.getOrDefault("CREDITS_PORT", "8080");
    int port;
    try {
      port = Integer.parseInt(portText.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "CREDITS-0811 CREDITS_PORT must be a port number: " + portText);
    }
    String url = env.get("CREDITS_DB_URL");
    boolean embedded = url == null || url.isBlank();
    String host = env.getOrDefault("CREDITS_HOST", "localhost");
    return new ServerConfig(
        host,
        port,
        embedded ? h2File(Path.of("data")) : url,
        env.getOrDefault("CREDITS_DB_USER", embedded ? "sa" : null),
        env.getOrDefault("CREDITS_DB_PASSWORD", embedded ? "" : null),
        users(env.get("CREDITS_USERS"), host, env.get("CREDITS_DEMO")),
        /* seedDemo= */ true,
        stripe(env),
        jobsInterval(env),
        mail(env),
        metrics(env));
  }

  /** {@code CREDITS_METRICS}: {@code operator} (default), {@code public} or {@code off}. */
  static Metrics metrics(Map<String, String> env) {
    String text = env.get("CREDITS_METRICS");
    if (text == null || text.isBlank()) {
      return Metrics.OPERATOR;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "operator" -> Metrics.OPERATOR;
      case "public" -> Metrics.PUBLIC;
      case "off" -> Metrics.OFF;
      default ->
          throw new IllegalArgumentException(
              "CREDITS-0819 CREDITS_METRICS is operator, public or off, got '" + text + "'");
    };
  }

  static Duration jobsInterval(Map<String, String> env) {
    String jobs = env.getOrDefault("CREDITS_JOBS", "on").trim().toLowerCase(Locale.ROOT);
    if (jobs.equals("off")) {
      return null;
    }
    if (!jobs.equals("on")) {
      throw new IllegalArgumentException(
          "CREDITS-0816 CREDITS_JOBS is on or off, got '" + env.get("CREDITS_JOBS") + "'");
    }
    String text = env.get("CREDITS_JOBS_INTERVAL");
    if (text == null || text.isBlank()) {
      return DEFAULT_JOBS_INTERVAL;
    }
    try {
      long seconds = Long.parseLong(text.trim());
      if (seconds >= 1 && seconds <= 86_400) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "CREDITS-0816 CREDITS_JOBS_INTERVAL must be 1 to 86400 seconds, got '" + text + "'");
  }

  static MailSettings mail(Map<String, String> env) {
    String host = env.get("CREDITS_SMTP_HOST");
    if (host == null || host.isBlank()) {
      if (env.containsKey("CREDITS_MAIL_TO") || env.containsKey("CREDITS_SMTP_FROM")) {
        throw new IllegalArgumentException(
            "CREDITS-0815 CREDITS_MAIL_TO and CREDITS_SMTP_FROM need CREDITS_SMTP_HOST");
      }
      return null;
    }
    String portText = env.getOrDefault("CREDITS_SMTP_PORT", "587").trim();
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "CREDITS-0815 CREDITS_SMTP_PORT must be a port number: " + portText);
    }
    String tlsText = env.getOrDefault("CREDITS_SMTP_TLS", "STARTTLS").trim();
    SmtpSettings.Tls tls;
    try {
      tls = SmtpSettings.Tls.valueOf(tlsText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CREDITS-0815 CREDITS_SMTP_TLS is NONE, STARTTLS, STARTTLS_REQUIRED or SMTPS, got '"
              + tlsText
              + "'");
    }
    SmtpSettings smtp;
    try {
      smtp =
          new SmtpSettings(
              host.trim(),
              port,
              env.get("CREDITS_SMTP_FROM"),
              env.get("CREDITS_SMTP_USER"),
              env.get("CREDITS_SMTP_PASSWORD"),
              tls,
              SmtpSettings.DEFAULT_TIMEOUT);
    } catch (CreditsException e) {
      throw new IllegalArgumentException(
          "CREDITS-0815 CREDITS_SMTP_* settings: "
              + e.violations().stream().map(v -> v.field() + " " + v.message()).toList(),
          e);
    }
    return new MailSettings(smtp, MailSettings.parseRecipients(env.get("CREDITS_MAIL_TO")));
  }

  private static StripeSettings stripe(Map<String, String> env) {
    String key = env.get("CREDITS_STRIPE_API_KEY");
    String secret = env.get("CREDITS_STRIPE_WEBHOOK_SECRET");
    if (key == null && secret == null) {
      return null;
    }
    try {
      return StripeSettings.of(
          key, secret, env.get("CREDITS_STRIPE_SUCCESS_URL"), env.get("CREDITS_STRIPE_CANCEL_URL"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "CREDITS-0814 Stripe needs CREDITS_STRIPE_API_KEY, CREDITS_STRIPE_WEBHOOK_SECRET,"
              + " CREDITS_STRIPE_SUCCESS_URL and CREDITS_STRIPE_CANCEL_URL",
          e);
    }
  }

  /**
   * The logins: {@code spec} when given, else the demo logins, if {@code demo} ({@code
   * CREDITS_DEMO}) is {@code on}, or unset and {@code host} is a loopback address.
   */
  static List<User> users(String spec, String host, String demo) {
    String mode = demo == null ? "" : demo.trim().toLowerCase(Locale.ROOT);
    if (!mode.isEmpty() && !mode.equals("on") && !mode.equals("off")) {
      throw new IllegalArgumentException(
          "CREDITS-0817 CREDITS_DEMO is on or off, got '" + demo + "'");
    }
    if (spec != null && !spec.isBlank()) {
      return users(spec);
    }
    boolean allowed = mode.equals("on") || (mode.isEmpty() && isLoopback(host));
    if (!allowed) {
      throw new IllegalArgumentException(
          "CREDITS-0817 no CREDITS_USERS: the demo logins (admin, team, acme) have published"
              + " passwords, so they serve a loopback address only; listening on "
              + host
              + ", set CREDITS_USERS"
              + (mode.equals("off") ? "" : " (or CREDITS_DEMO=on to expose the demo logins)"));
    }
    return DEMO_USERS;
  }

  /** Whether every address {@code host} names is a loopback address. */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host.trim());
      return addresses.length > 0
          && java.util.Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException | RuntimeException e) {
      return false;
    }
  }

  /**
   * {@code name:password:role[:memberships]} entries separated by commas. Memberships are joined
   * with {@code +}: a workspace for {@code admin} and {@code team} (the login's role there), {@code
   * workspace/organization} for a {@code client}; an {@code operator} has none. Passwords are never
   * echoed in errors.
   */
  static List<User> users(String spec) {
    List<User> users = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    int index = 0;
    for (String entry : spec.split(",")) {
      index++;
      String[] parts = entry.trim().split(":", 4);
      String where = "CREDITS_USERS entry " + index;
      if (parts.length < 3 || parts[0].isBlank() || parts[1].isEmpty()) {
        throw new IllegalArgumentException(
            "CREDITS-0812 "
                + where
                + " is not name:password:role[:memberships]"
                + (parts.length > 0 && !parts[0].isBlank()
                    ? " (user " + parts[0].trim() + ")"
                    : ""));
      }
      String name = parts[0].trim();
      Role role = Role.named(parts[2].trim().toLowerCase(Locale.ROOT));
      if (role == null) {
        throw new IllegalArgumentException(
            "CREDITS-0812 "
                + where
                + " (user "
                + name
                + "): the role is admin, team, client or operator, got '"
                + parts[2].trim()
                + "'");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("CREDITS-0812 user " + name + " is listed twice");
      }
      List<Grant> grants = new ArrayList<>();
      if (parts.length == 4) {
        for (String m : parts[3].split("\\+", -1)) {
          String[] wo = m.trim().split("/", -1);
          boolean ok = wo.length <= 2 && !wo[0].isBlank() && (wo.length == 1 || !wo[1].isBlank());
          if (!ok) {
            throw new IllegalArgumentException(
                "CREDITS-0812 user "
                    + name
                    + ": a membership is workspace or workspace/organization, got '"
                    + m.trim()
                    + "'");
          }
          grants.add(new Grant(wo[0].trim(), wo.length == 2 ? wo[1].trim() : null));
        }
      }
      users.add(new User(name, parts[1], role, grants));
    }
    return users;
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(
        host,
        port,
        dbUrl,
        dbUser,
        dbPassword,
        users,
        seedDemo,
        stripe,
        jobsInterval,
        mail,
        metrics);
  }

  public ServerConfig withDatabase(String url, String user, String password) {
    return new ServerConfig(
        host, port, url, user, password, users, seedDemo, stripe, jobsInterval, mail, metrics);
  }

  public ServerConfig withSeedDemo(boolean seed) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seed, stripe, jobsInterval, mail, metrics);
  }

  public ServerConfig withStripe(StripeSettings settings) {
    return new ServerConfig(
        host,
        port,
        dbUrl,
        dbUser,
        dbPassword,
        users,
        seedDemo,
        settings,
        jobsInterval,
        mail,
        metrics);
  }

  /** Runs the scheduled jobs every {@code interval}; null for none. */
  public ServerConfig withJobs(Duration interval) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seedDemo, stripe, interval, mail, metrics);
  }

  /** Sends e-mail notifications with these settings; null for none. */
  public ServerConfig withMail(MailSettings settings) {
    return new ServerConfig(
        host,
        port,
        dbUrl,
        dbUser,
        dbPassword,
        users,
        seedDemo,
        stripe,
        jobsInterval,
        settings,
        metrics);
  }

  /** Who may read {@code GET /metrics}. */
  public ServerConfig withMetrics(Metrics access) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seedDemo, stripe, jobsInterval, mail, access);
  }
}
