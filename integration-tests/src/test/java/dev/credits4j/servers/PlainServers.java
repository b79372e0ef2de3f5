package dev.credits4j.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Application servers started as plain processes, beside (not through) Arquillian: WildFly from a
 * copy of the build's configured {@code standalone} directory ({@code jboss.server.base.dir}) and
 * Payara as a domain of its own, each on ports of its own (the range from 19900 up, away from the
 * Arquillian servers' offsets), each over a fresh PostgreSQL database that {@code drop-databases}
 * drops after the tests ({@code <name>.database} under the servers' directory). Used by the tests
 * that need a server configured differently from the Arquillian one (a JTA data source), or two
 * servers at once.
 */
public final class PlainServers {
  private PlainServers() {}

  static Path servers() {
    return Path.of(System.getProperty("credits.it.servers"));
  }

  /** A new, empty database named {@code credits_it_<server>_<hex>}, dropped after the tests. */
  public static String createDatabase(String server) {
    String name =
        "credits_it_"
            + server
            + "_"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
    try (Connection c = connect(pgUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
      Files.writeString(servers().resolve(server + ".database"), name);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return name;
  }

  static String pgUrl() {
    return System.getProperty("credits.test.pg.url");
  }

  static String pgUser() {
    return System.getProperty("credits.test.pg.user", "postgres");
  }

  static String pgPassword() {
    return System.getProperty("credits.test.pg.password", "");
  }

  /** The JDBC URL of {@code database} on the test PostgreSQL server. */
  public static String databaseUrl(String database) {
    String base = pgUrl();
    int slash = base.lastIndexOf('/');
    String rest = base.substring(slash + 1);
    int query = rest.indexOf('?');
    return base.substring(0, slash + 1) + database + (query < 0 ? "" : rest.substring(query));
  }

  public static Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", pgUser());
    p.setProperty("password", pgPassword());
    return new org.postgresql.Driver().connect(url, p);
  }

  /** Waits until {@code url} answers {@code 200}, up to {@code timeout}. */
  public static void awaitOk(URI url, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(1000);
    }
    throw new IllegalStateException(url + " did not answer 200 within " + timeout + ": " + last);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String javaHome() {
    return System.getProperty("java.home");
  }

  /**
   * WildFly started with {@code bin/standalone.sh} on a copy of the build's configured {@code
   * standalone} directory (users, driver, data source, mail session), its HTTP port {@code http},
   * management port {@code http + 90}, and every other port it opens between the two.
   */
  /** A server a test starts and stops itself: where the WAR answers, its log, stopping it. */
  public interface Server extends AutoCloseable {
    /** The WAR's root, {@code http://127.0.0.1:<port>/credits4j/}. */
    URI root();

    /** The server's log file. */
    Path log();

    /** Stops the server and whatever it started. */
    @Override
    void close();
  }

  public static final class WildFly implements Server {
    private final Path home;
    private final Path base;
    private final int http;
    private final int management;
    private Process process;

    public WildFly(String name, int http) {
      this.home = Path.of(System.getProperty("wildfly.home"));
      this.base = servers().resolve(name);
      this.http = http;
      this.management = http + 90;
    }

    public URI root() {
      return URI.create("http://127.0.0.1:" + http + "/credits4j/");
    }

    public Path log() {
      return base.resolve("log/server.log");
    }

    /** Copies the configured {@code standalone} directory (configuration and modules only). */
    public void prepare() throws IOException {
      if (Files.exists(base)) {
        delete(base);
      }
      Path source = home.resolve("standalone");
      for (String dir : List.of("configuration", "deployments", "lib")) {
        Path from = source.resolve(dir);
        if (Files.isDirectory(from)) {
          copy(from, base.resolve(dir));
        }
      }
      Path history = base.resolve("configuration/standalone_xml_history");
      if (Files.exists(history)) {
        delete(history);
      }
      Path xml = base.resolve("configuration/standalone.xml");
      String config = Files.readString(xml);
      // The transaction recovery ports have no property to move them: into this server's range.
      config =
          config
              .replace(
                  "name=\"txn-recovery-environment\" port=\"4712\"",
                  "name=\"txn-recovery-environment\" port=\"" + (http + 12) + "\"")
              .replace(
                  "name=\"txn-status-manager\" port=\"4713\"",
                  "name=\"txn-status-manager\" port=\"" + (http + 13) + "\"");
      Files.writeString(xml, config);
    }

    public void start() throws IOException {
      List<String> command =
          List.of(
              home.resolve("bin/standalone.sh").toString(),
              "-Djboss.server.base.dir=" + base,
              "-Djboss.bind.address=127.0.0.1",
              "-Djboss.bind.address.management=127.0.0.1",
              "-Djboss.http.port=" + http,
              "-Djboss.https.port=" + (http + 1),
              "-Djboss.ajp.port=" + (http + 2),
              "-Djboss.management.http.port=" + management,
              "-Djboss.management.https.port=" + (management + 3),
              "-Djboss.socket.binding.port-offset=0");
      ProcessBuilder b =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(base.resolve("console.log").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      b.environment()
          .putAll(
              Map.of(
                  "JBOSS_HOME",
                  home.toString(),
                  "JAVA_HOME",
                  javaHome(),
                  "JAVA_OPTS",
                  "-Xms64m -Xmx640m -Djava.net.preferIPv4Stack=true"));
      process = b.start();
      awaitOk(URI.create("http://127.0.0.1:" + http + "/"), Duration.ofMinutes(3));
    }

    /** Runs jboss-cli commands against the running server. */
    public void cli(String... commands) throws IOException, InterruptedException {
      Path file = Files.createTempFile(base, "commands", ".cli");
      Files.writeString(file, String.join("\n", commands) + "\n");
      ServerSetup.run(
          home,
          Map.of("JBOSS_HOME", home.toString(), "JAVA_HOME", javaHome()),
          List.of(
              home.resolve("bin/jboss-cli.sh").toString(),
              "--connect",
              "--controller=remote+http://127.0.0.1:" + management,
              "--timeout=120000",
              "--file=" + file),
          10);
    }

    @Override
    public void close() {
      if (process == null) {
        return;
      }
      try {
        cli(":shutdown");
      } catch (Exception e) {
        System.out.println("[servers] WildFly shutdown failed: " + e);
      }
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** A Payara domain of its own, created with {@code --portbase}: HTTP base+80, admin base+48. */
  public static final class Payara implements Server {
    private final Path home = Path.of(System.getProperty("payara.home"));
    private final String domain;
    private final int portBase;
    private boolean started;

    public Payara(String domain, int portBase) {
      this.domain = domain;
      this.portBase = portBase;
    }

    public URI root() {
      return URI.create("http://127.0.0.1:" + (portBase + 80) + "/credits4j/");
    }

    public Path log() {
      return home.resolve("glassfish/domains/" + domain + "/logs/server.log");
    }

    private String adminPort() {
      return String.valueOf(portBase + 48);
    }

    /** Creates the domain with the PostgreSQL driver in its lib/, starts it. */
    public void createAndStart() throws IOException, InterruptedException {
      Path domainDir = home.resolve("glassfish/domains/" + domain);
      if (Files.exists(domainDir)) {
        delete(domainDir);
      }
      ServerSetup.asadmin(
          home, "create-domain", "--nopassword=true", "--portbase=" + portBase, domain);
      Path lib = domainDir.resolve("lib");
      Files.createDirectories(lib);
      Files.copy(
          servers().resolve("files/postgresql.jar"),
          lib.resolve("postgresql.jar"),
          StandardCopyOption.REPLACE_EXISTING);
      // Set before start-domain returns: a start that fails or times out may still leave the
      // domain's JVM running, and close() must stop it.
      started = true;
      ServerSetup.asadmin(home, "start-domain", domain);
    }

    /** Runs asadmin commands on the running domain (multimode). */
    public void asadmin(String... commands) throws IOException, InterruptedException {
      Path file = Files.createTempFile(servers(), "payara-" + domain, ".asadmin");
      Files.writeString(file, String.join("\n", commands) + "\n");
      try {
        ServerSetup.asadmin(home, "--port", adminPort(), "multimode", "--file", file.toString());
      } finally {
        Files.deleteIfExists(file);
      }
    }

    /** The users of every role, in the file realm. */
    public void addUsers() throws IOException, InterruptedException {
      for (ServerUsers.User user : ServerUsers.ALL) {
        Path passwordFile = servers().resolve("payara-password-" + domain + "-" + user.name());
        Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + user.password() + "\n");
        try {
          ServerSetup.asadmin(
              home,
              "--port",
              adminPort(),
              "--passwordfile",
              passwordFile.toString(),
              "create-file-user",
              "--groups",
              user.role(),
              user.name());
        } finally {
          Files.delete(passwordFile);
        }
      }
    }

    public void restart() throws IOException, InterruptedException {
      ServerSetup.asadmin(home, "stop-domain", domain);
      ServerSetup.asadmin(home, "start-domain", domain);
    }

    public void deploy(Path war) throws IOException, InterruptedException {
      ServerSetup.asadmin(
          home,
          "--port",
          adminPort(),
          "deploy",
          "--name",
          "credits4j",
          "--contextroot",
          "credits4j",
          war.toString());
    }

    /** The pool properties of {@code database} in asadmin's syntax. */
    public static String poolProperties(String database) {
      URI uri = URI.create(pgUrl().substring("jdbc:".length()));
      List<String> properties = new ArrayList<>();
      properties.add("serverName=" + uri.getHost());
      properties.add("portNumber=" + (uri.getPort() < 0 ? 5432 : uri.getPort()));
      properties.add("databaseName=" + database);
      properties.add("user=" + pgUser());
      properties.add("password=" + (pgPassword().isEmpty() ? "()" : pgPassword()));
      return String.join(":", properties);
    }

    /**
     * Stops the domain with {@code stop-domain} (2 minutes at most); if its JVM (the pid in the
     * domain's {@code config/pid}) is still alive after that, kills it.
     */
    @Override
    public void close() {
      if (!started) {
        return;
      }
      started = false;
      Optional<ProcessHandle> jvm = domainProcess();
      try {
        ServerSetup.run(
            home,
            Map.of("AS_JAVA", javaHome(), "JAVA_HOME", javaHome()),
            List.of(home.resolve("bin/asadmin").toString(), "stop-domain", domain),
            2);
      } catch (Exception e) {
        System.out.println("[servers] stop-domain " + domain + " failed: " + e);
      }
      jvm.filter(ProcessHandle::isAlive)
          .ifPresent(
              p -> {
                System.out.println(
                    "[servers] domain " + domain + " still running (pid " + p.pid() + "): killed");
                p.destroyForcibly();
                p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join();
              });
    }

    /** The domain's JVM, from the pid file Payara writes when it starts. */
    private Optional<ProcessHandle> domainProcess() {
      Path pidFile = home.resolve("glassfish/domains/" + domain + "/config/pid");
      try {
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
      } catch (IOException | NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void delete(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
