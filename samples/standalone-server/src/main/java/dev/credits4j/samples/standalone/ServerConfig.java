package dev.credits4j.samples.standalone;

import dev.credits4j.api.CreditsException;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.rest.security.Role;
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
 *   <li>{@code CREDITS_USERS}: the logins, {@code name:password:role[,...]} with role {@code
 *       admin}, {@code team} or {@code client}; by default the three demo users;
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
 *       ws/org=a@x;b@y,ws/org2=c@z}); without a host, notifications go to the log only.
 * </ul>
 *
 * @param seedDemo whether to create the {@code demo} workspace on start (once)
 * @param stripe the Stripe account; null for none
 * @param jobsInterval how often each scheduled job runs; null for no scheduler
 * @param mail e-mail notifications; null for none (the log only)
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
    MailSettings mail) {

  /** The interval of the scheduled jobs unless {@code CREDITS_JOBS_INTERVAL} says otherwise. */
  public static final Duration DEFAULT_JOBS_INTERVAL = Duration.ofSeconds(60);

  /** A login of the configured user list. */
  public record User(String name, String password, Role role) {
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(role, "role");
    }
  }

  /** The demo logins the README states. */
  public static final List<User> DEMO_USERS =
      List.of(
          new User("admin", "admin-demo", Role.ADMIN),
          new User("team", "team-demo", Role.TEAM),
          new User("acme", "acme-demo", Role.CLIENT));

  public ServerConfig {
    users = List.copyOf(users);
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
    return new ServerConfig(
        env.getOrDefault("CREDITS_HOST", "localhost"),
        port,
        embedded ? h2File(Path.of("data")) : url,
        env.getOrDefault("CREDITS_DB_USER", embedded ? "sa" : null),
        env.getOrDefault("CREDITS_DB_PASSWORD", embedded ? "" : null),
        users(env.get("CREDITS_USERS")),
        true,
        stripe(env),
        jobsInterval(env),
        mail(env));
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

  static List<User> users(String spec) {
    if (spec == null || spec.isBlank()) {
      return DEMO_USERS;
    }
    List<User> users = new ArrayList<>();
    for (String entry : spec.split(",")) {
      String[] parts = entry.trim().split(":", 3);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isEmpty()) {
        throw new IllegalArgumentException(
            "CREDITS-0812 CREDITS_USERS entries are name:password:role, got '" + entry + "'");
      }
      Role role;
      try {
        role = Role.valueOf(parts[2].trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "CREDITS-0812 a CREDITS_USERS role is admin, team or client, got '" + parts[2] + "'");
      }
      users.add(new User(parts[0].trim(), parts[1], role));
    }
    return users;
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seedDemo, stripe, jobsInterval, mail);
  }

  public ServerConfig withDatabase(String url, String user, String password) {
    return new ServerConfig(
        host, port, url, user, password, users, seedDemo, stripe, jobsInterval, mail);
  }

  public ServerConfig withSeedDemo(boolean seed) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seed, stripe, jobsInterval, mail);
  }

  public ServerConfig withStripe(StripeSettings settings) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seedDemo, settings, jobsInterval, mail);
  }

  /** Runs the scheduled jobs every {@code interval}; null for none. */
  public ServerConfig withJobs(Duration interval) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seedDemo, stripe, interval, mail);
  }

  /** Sends e-mail notifications with these settings; null for none. */
  public ServerConfig withMail(MailSettings settings) {
    return new ServerConfig(
        host, port, dbUrl, dbUser, dbPassword, users, seedDemo, stripe, jobsInterval, settings);
  }
}
