package dev.credits4j.servers;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares the unpacked servers for the integration tests, the way docs/deploying.md tells an
 * operator to: a fresh PostgreSQL database per server, the JDBC driver, the data source and the
 * users, each with the server's own tools (WildFly's add-user and jboss-cli, Payara's asadmin). Run
 * by the build: {@code prepare} before the tests, {@code drop-databases} after them.
 */
public final class ServerSetup {
  /** Payara's ports are this base plus the usual offsets: admin 28048, HTTP 28080. */
  public static final int PAYARA_PORT_BASE = 28000;

  /** WildFly runs with this port offset: HTTP 8180, management 10090. */
  public static final int WILDFLY_PORT_OFFSET = 100;

  public static final String PAYARA_DOMAIN = "credits4j";

  /** The port of the SMTP server the WildFly test starts; its mail session points there. */
  public static final int WILDFLY_SMTP_PORT = 3025 + WILDFLY_PORT_OFFSET;

  /** The port of the SMTP server the Payara test starts; its mail session points there. */
  public static final int PAYARA_SMTP_PORT = PAYARA_PORT_BASE + 25;

  /** The sender of the servers' mail sessions. */
  public static final String MAIL_FROM = "credits@agency.test";

  /** Who receives the notifications of organization {@code acme}, in any workspace. */
  public static final String ACME_MAIL = "acme-billing@example.test";

  /** How often the WAR's scheduled jobs run on the test servers. */
  public static final String JOBS_INTERVAL = "PT2S";

  private static final String MAIL_TO = "*/acme=" + ACME_MAIL;

  private static final long COMMAND_TIMEOUT_MINUTES = 5;

  private final Path servers = Path.of(required("credits.it.servers"));
  private final Path scripts = Path.of(required("credits.it.setup"));
  private final String pgUrl = required("credits.test.pg.url");
  private final String pgUser = required("credits.test.pg.user");
  private final String pgPassword = System.getProperty("credits.test.pg.password", "");

  private ServerSetup() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ServerSetup prepare|drop-databases");
    }
    ServerSetup setup = new ServerSetup();
    switch (args[0]) {
      case "prepare" -> setup.prepare();
      case "drop-databases" -> setup.dropDatabases();
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private void prepare() throws Exception {
    try {
      prepareServers();
    } catch (Exception | Error e) {
      dropDatabases();
      throw e;
    }
  }

  private void prepareServers() throws Exception {
    if (!Boolean.getBoolean("credits.it.wildfly.skip")) {
      long started = System.nanoTime();
      prepareWildFly(Path.of(required("wildfly.home")), createDatabase("wildfly"));
      log("WildFly prepared in " + millisSince(started) + " ms");
    }
    if (!Boolean.getBoolean("credits.it.payara.skip")) {
      long started = System.nanoTime();
      preparePayara(Path.of(required("payara.home")), createDatabase("payara"));
      log("Payara prepared in " + millisSince(started) + " ms");
    }
  }

  // --- WildFly -------------------------------------------------------------------------------

  private void prepareWildFly(Path home, String database) throws Exception {
    Map<String, String> env = Map.of("JBOSS_HOME", home.toString(), "JAVA_HOME", javaHome());
    for (ServerUsers.User user : ServerUsers.ALL) {
      run(
          home,
          env,
          List.of(
              home.resolve("bin/add-user.sh").toString(),
              "-a",
              "-s",
              "-u",
              user.name(),
              "-p",
              user.password(),
              "-g",
              user.role()));
    }
    String script =
        resolve(
            Files.readString(scripts.resolve("wildfly-configure.cli")),
            Map.of(
                "pg.jar",
                servers.resolve("files/postgresql.jar").toString(),
                "db.url",
                databaseUrl(database),
                "db.user",
                pgUser,
                "db.password",
                pgPassword,
                "jobs.interval",
                JOBS_INTERVAL,
                "mail.to",
                MAIL_TO,
                "mail.from",
                MAIL_FROM,
                "smtp.port",
                String.valueOf(WILDFLY_SMTP_PORT)));
    Path resolved = servers.resolve("wildfly-configure.cli");
    Files.writeString(resolved, script);
    run(home, env, List.of(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + resolved));
  }

  // --- Payara --------------------------------------------------------------------------------

  private void preparePayara(Path home, String database) throws Exception {
    Map<String, String> env = Map.of("AS_JAVA", javaHome(), "JAVA_HOME", javaHome());
    String asadmin = home.resolve("bin/asadmin").toString();
    String adminPort = String.valueOf(PAYARA_PORT_BASE + 48);
    run(
        home,
        env,
        List.of(
            asadmin,
            "create-domain",
            "--nopassword=true",
            "--portbase=" + PAYARA_PORT_BASE,
            PAYARA_DOMAIN));
    Path domainLib = home.resolve("glassfish/domains/" + PAYARA_DOMAIN + "/lib");
    Files.createDirectories(domainLib);
    Files.copy(
        servers.resolve("files/postgresql.jar"),
        domainLib.resolve("postgresql.jar"),
        StandardCopyOption.REPLACE_EXISTING);
    run(home, env, List.of(asadmin, "start-domain", PAYARA_DOMAIN));
    try {
      String script =
          resolve(
              Files.readString(scripts.resolve("payara-configure.asadmin")),
              Map.of(
                  "pool.properties",
                  payaraPoolProperties(database),
                  "jobs.interval",
                  JOBS_INTERVAL,
                  "mail.to",
                  // multimode reads the file like a shell, taking one backslash away; the
                  // server's property parser needs the second: a '=' in a value is "\\=".
                  escapeAsadmin(MAIL_TO).replace("\\", "\\\\"),
                  "mail.from",
                  MAIL_FROM,
                  "smtp.port",
                  String.valueOf(PAYARA_SMTP_PORT)));
      Path resolved = servers.resolve("payara-configure.asadmin");
      Files.writeString(resolved, script);
      run(
          home,
          env,
          List.of(asadmin, "--port", adminPort, "multimode", "--file", resolved.toString()));
      for (ServerUsers.User user : ServerUsers.ALL) {
        Path passwordFile = servers.resolve("payara-password-" + user.name());
        Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + user.password() + "\n");
        run(
            home,
            env,
            List.of(
                asadmin,
                "--port",
                adminPort,
                "--passwordfile",
                passwordFile.toString(),
                "create-file-user",
                "--groups",
                user.role(),
                user.name()));
        Files.delete(passwordFile);
      }
    } finally {
      run(home, env, List.of(asadmin, "stop-domain", PAYARA_DOMAIN));
    }
  }

  /** The pool's properties in asadmin's syntax: {@code name=value} joined by ':', ':' escaped. */
  private String payaraPoolProperties(String database) {
    URI uri = URI.create(pgUrl.substring("jdbc:".length()));
    List<String> properties = new ArrayList<>();
    properties.add("serverName=" + uri.getHost());
    properties.add("portNumber=" + (uri.getPort() < 0 ? 5432 : uri.getPort()));
    properties.add("databaseName=" + database);
    properties.add("user=" + escapeAsadmin(pgUser));
    // Payara needs a password property; "()" is its notation for the empty password.
    properties.add("password=" + (pgPassword.isEmpty() ? "()" : escapeAsadmin(pgPassword)));
    return String.join(":", properties);
  }

  private static String escapeAsadmin(String value) {
    return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
  }

  // --- Databases -----------------------------------------------------------------------------

  /** A new, empty database for one server; its name is kept for {@link #dropDatabases()}. */
  private String createDatabase(String server) throws SQLException, IOException {
    String name =
        "credits_it_"
            + server
            + "_"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
    try (Connection c = connect(pgUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    Files.writeString(servers.resolve(server + ".database"), name);
    log("created database " + name + " for " + server);
    return name;
  }

  private void dropDatabases() throws SQLException, IOException {
    if (!Files.isDirectory(servers)) {
      return;
    }
    try (var files = Files.list(servers)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".database")).toList()) {
        String name = Files.readString(file).strip();
        if (!name.matches("credits_it_[a-z]+_[0-9a-f]+")) {
          throw new IllegalStateException("not a test database name: " + name);
        }
        try (Connection c = connect(pgUrl);
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        Files.delete(file);
        log("dropped database " + name);
      }
    }
  }

  private String databaseUrl(String database) {
    int slash = pgUrl.lastIndexOf('/');
    String base = pgUrl.substring(0, slash + 1);
    String rest = pgUrl.substring(slash + 1);
    int query = rest.indexOf('?');
    return base + database + (query < 0 ? "" : rest.substring(query));
  }

  private Connection connect(String url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", pgUser);
    properties.setProperty("password", pgPassword);
    return new org.postgresql.Driver().connect(url, properties);
  }

  // --- Processes -----------------------------------------------------------------------------

  private void run(Path dir, Map<String, String> env, List<String> command) throws Exception {
    run(dir, env, command, COMMAND_TIMEOUT_MINUTES);
  }

  /**
   * Runs a server's command-line tool and waits for it; fails with its output when it exits
   * non-zero or, like asadmin's multimode, reports a failed command and still exits 0.
   */
  static void run(Path dir, Map<String, String> env, List<String> command, long timeoutMinutes)
      throws IOException, InterruptedException {
    log("$ " + String.join(" ", command));
    long started = System.nanoTime();
    Path output = Files.createTempFile("credits4j-command", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Process process = builder.start();
    boolean finished;
    try {
      finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    if (!finished) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command) + "\n" + text);
    }
    log("  (" + millisSince(started) + " ms)");
    if (process.exitValue() != 0 || FAILED_COMMAND.matcher(text).find()) {
      throw new IllegalStateException(
          "exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + text);
    }
  }

  /** Runs Payara's asadmin with the Java of this JVM. */
  public static void asadmin(Path payaraHome, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(payaraHome.resolve("bin/asadmin").toString());
    command.addAll(List.of(arguments));
    run(payaraHome, Map.of("AS_JAVA", javaHome(), "JAVA_HOME", javaHome()), command, 10);
  }

  // --- Helpers -------------------------------------------------------------------------------

  private static final Pattern FAILED_COMMAND =
      Pattern.compile("^Command \\S+ failed", Pattern.MULTILINE);

  private static final Pattern TOKEN = Pattern.compile("\\$\\{([a-z.]+)}");

  /** Replaces each {@code ${name}}; an option whose value is empty is left out. */
  static String resolve(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (String line : template.split("\n", -1)) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (e.getValue().isEmpty()) {
          line = line.replaceAll(" --[a-z-]+=\\$\\{" + Pattern.quote(e.getKey()) + "}", "");
        }
      }
      Matcher m = TOKEN.matcher(line);
      StringBuilder resolved = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
        }
        m.appendReplacement(resolved, Matcher.quoteReplacement(value));
      }
      m.appendTail(resolved);
      out.append(resolved).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  private static String javaHome() {
    return System.getProperty("java.home");
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is required");
    }
    return value;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static void log(String message) {
    System.out.println("[servers] " + message);
  }
}
