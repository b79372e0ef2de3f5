package dev.credits4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL 15 server for tests that stop, crash or replicate their database: {@code
 * initdb} into a temporary directory, trust authentication, loopback only, its own port; the shared
 * server is never touched. When this JVM runs as root the server runs as the {@code postgres} user
 * ({@code initdb} refuses root). {@link #standby} makes a streaming replica of it with {@code
 * pg_basebackup -R}; {@link #close} stops the server at once and deletes its directory.
 *
 * <p>Ports: the first free one from {@code credits.test.pg.private.port} (default 19450) upwards,
 * or from the port a test names ({@link #createFrom}, {@link #standbyFrom}).
 */
public final class PrivatePostgres implements AutoCloseable {
  /** Where Debian's PostgreSQL 15 binaries are. */
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private static int nextPort = Integer.getInteger("credits.test.pg.private.port", 19450);

  private final Path dir;
  private final int port;
  private final List<String> settings;

  private PrivatePostgres(Path dir, int port, List<String> settings) {
    this.dir = dir;
    this.port = port;
    this.settings = settings;
  }

  /** Why no private server can be made here (PostgreSQL 15 missing), or empty. */
  public static Optional<String> unavailable() {
    return Files.isExecutable(BIN.resolve("initdb"))
        ? Optional.empty()
        : Optional.of("PostgreSQL 15 binaries not installed in " + BIN);
  }

  /**
   * A new, stopped server in a fresh temporary directory; {@code settings} are extra {@code -c
   * name=value} server options, e.g. {@code "synchronous_standby_names=*"}.
   */
  public static PrivatePostgres create(String... settings) {
    return createOn(freePort(), settings);
  }

  /** {@link #create(String...)} on the first free port from {@code firstPort} (50 tried). */
  public static PrivatePostgres createFrom(int firstPort, String... settings) {
    return createOn(freePort(firstPort), settings);
  }

  private static PrivatePostgres createOn(int port, String... settings) {
    Path dir = tempDir("credits-pg");
    PrivatePostgres pg = new PrivatePostgres(dir, port, List.of(settings));
    pg.run(
        "initdb",
        "-D",
        pg.data().toString(),
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync");
    return pg;
  }

  /**
   * A streaming replica of this running server ({@code pg_basebackup -R}: it follows this server as
   * {@code postgres}), with its own server options, not started yet.
   */
  public PrivatePostgres standby(String... settings) {
    return standbyOn(freePort(), settings);
  }

  /** {@link #standby(String...)} on the first free port from {@code firstPort} (50 tried). */
  public PrivatePostgres standbyFrom(int firstPort, String... settings) {
    return standbyOn(freePort(firstPort), settings);
  }

  private PrivatePostgres standbyOn(int replicaPort, String... settings) {
    PrivatePostgres replica =
        new PrivatePostgres(tempDir("credits-pg-standby"), replicaPort, List.of(settings));
    run(
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(port),
        "-U",
        "postgres",
        "-D",
        replica.data().toString(),
        "-R",
        "-X",
        "stream",
        // at once, not after a spread checkpoint (up to minutes on a busy machine)
        "--checkpoint=fast",
        "--no-sync");
    return replica;
  }

  /** Starts the server and waits until it accepts connections. */
  public void start() {
    pgCtl("start");
  }

  /** Restarts the server: {@code mode} {@code fast} (clean) or {@code immediate} (a crash). */
  public void restart(String mode) {
    pgCtl("restart", "-m", mode);
  }

  /** Stops the server: {@code mode} {@code fast} (clean) or {@code immediate} (a crash). */
  public void stop(String mode) {
    run("pg_ctl", "-D", data().toString(), "-m", mode, "-w", "stop");
  }

  /** Promotes a standby to a primary and waits until it accepts writes. */
  public void promote() {
    run("pg_ctl", "-D", data().toString(), "-w", "promote");
  }

  /** Runs one statement as {@code postgres} on database {@code postgres}, within 60 s. */
  public void execute(String sql) {
    try (Connection c =
            DriverManager.getConnection(url("postgres") + "?socketTimeout=60", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("'" + sql + "' on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** The JDBC URL of one database on this server. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /** The server's log file. */
  public Path log() {
    return dir.resolve("pg.log");
  }

  /** Stops the server at once if it runs, and deletes its directory. */
  @Override
  public void close() {
    if (Files.exists(data().resolve("postmaster.pid"))) {
      try {
        stop("immediate");
      } catch (IllegalStateException alreadyStopped) {
        // not running after all
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private void pgCtl(String action, String... more) {
    List<String> args = new ArrayList<>(List.of("pg_ctl", "-D", data().toString()));
    args.addAll(List.of(more));
    StringBuilder options =
        new StringBuilder(
            "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off");
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      options
          .append(" -c ")
          .append(setting, 0, eq + 1)
          .append('\'')
          .append(setting.substring(eq + 1))
          .append('\'');
    }
    args.addAll(List.of("-l", log().toString(), "-o", options.toString(), "-w", action));
    run(args.toArray(String[]::new));
  }

  /** Runs a PostgreSQL binary, as the postgres user when this JVM is root; bounded to 2 minutes. */
  private void run(String... args) {
    List<String> cmd = new ArrayList<>();
    if (root()) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(BIN.resolve(args[0]).toString());
    cmd.addAll(List.of(args).subList(1, args.length));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 2 minutes");
      }
      String out = new String(p.getInputStream().readAllBytes());
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      if (root()) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized int freePort() {
    for (int i = 0; i < 50; i++) {
      int port = nextPort++;
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try the next one
      }
    }
    throw new IllegalStateException("no free port from " + (nextPort - 50));
  }

  private static int freePort(int from) {
    for (int port = from; port < from + 50; port++) {
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try the next one
      }
    }
    throw new IllegalStateException("no free port from " + from);
  }
}
