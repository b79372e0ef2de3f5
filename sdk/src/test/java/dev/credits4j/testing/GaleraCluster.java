package dev.credits4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A MariaDB Galera cluster of private {@code mariadbd} processes on loopback, for tests: Debian's
 * {@code galera-4} provider with the installed MariaDB server binaries, each node with its own
 * datadir under one temporary directory, state transfers by rsync. The first node bootstraps the
 * cluster ({@code --wsrep-new-cluster}), the others join it; {@link #start} returns once every node
 * is {@code Synced} and {@code wsrep_cluster_size} counts them all. {@link #close} stops every node
 * (SIGTERM, then SIGKILL) and deletes the directory, keeping the nodes' error logs under {@code
 * target/galera}.
 *
 * <p>Ports: node <i>i</i> (1-based) listens for SQL on {@code base + i}, for group communication on
 * {@code base + 10 + i}, for incremental state transfer on {@code base + 20 + i} and for full state
 * transfer on {@code base + 30 + i}; {@code base} is {@code credits.test.galera.port} (default
 * 19400), moved on by 40 while any of those ports is taken. When this JVM runs as root, the nodes
 * run as the {@code mysql} user. Each node dies with the thread that started it ({@code setpriv
 * --pdeathsig}), so a test JVM killed outright leaves no server behind: nodes are therefore always
 * started from one long-lived launcher thread. {@code -Dcredits.test.galera.generalLog=true} also
 * keeps each node's general query log (every statement of every connection) under {@code
 * target/galera}: that is how the batch-writing hazard in docs/scaling.md was found.
 */
public final class GaleraCluster implements AutoCloseable {
  /** Debian's {@code galera-4} provider library. */
  public static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");

  private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
  private static final Path RSYNC = Path.of("/usr/bin/rsync");
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final long START_TIMEOUT_SECONDS = 120;

  private final int size;
  private final int base;
  private final Path dir;
  private final Process[] nodes;
  private final java.util.concurrent.ExecutorService launcher =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "galera-launcher");
            t.setDaemon(true);
            return t;
          });

  private GaleraCluster(int size, int base, Path dir) {
    this.size = size;
    this.base = base;
    this.dir = dir;
    this.nodes = new Process[size];
  }

  /**
   * Why no cluster can be started on this machine, or empty when one can: the provider library, the
   * MariaDB server binaries or rsync missing.
   */
  public static Optional<String> unavailable() {
    for (Path p : List.of(PROVIDER, MARIADBD, INSTALL_DB, RSYNC, SETPRIV)) {
      if (!Files.exists(p)) {
        return Optional.of(
            p
                + " is missing: install Debian's galera-4 and rsync with the MariaDB server"
                + " (apt-get install -y galera-4 rsync; .ci/run does) to run the Galera tests");
      }
    }
    return Optional.empty();
  }

  /** Starts a cluster of {@code size} nodes and waits until all of them are synced. */
  public static GaleraCluster start(int size) {
    unavailable()
        .ifPresent(
            reason -> {
              throw new IllegalStateException(reason);
            });
    try {
      Path dir = Files.createTempDirectory("credits-galera");
      GaleraCluster cluster = new GaleraCluster(size, freeBase(size), dir);
      try {
        cluster.boot();
        return cluster;
      } catch (RuntimeException | Error e) {
        cluster.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void boot() throws IOException {
    if (root()) {
      run(List.of("chown", "mysql:mysql", dir.toString()));
    }
    for (int i = 1; i <= size; i++) {
      Files.createDirectories(dataDir(i));
      if (root()) {
        run(List.of("chown", "mysql:mysql", dataDir(i).toString()));
      }
    }
    // Only the bootstrap node needs system tables; the others receive everything by state transfer.
    List<String> install = new ArrayList<>();
    install.addAll(
        List.of(
            INSTALL_DB.toString(),
            "--no-defaults",
            "--datadir=" + dataDir(1),
            "--auth-root-authentication-method=normal",
            "--skip-test-db"));
    if (root()) {
      install.add("--user=mysql");
    }
    run(install);
    launch(1, true);
    awaitAll(List.of(1), 1);
    for (int i = 2; i <= size; i++) {
      launch(i, false);
    }
    awaitAll(IntStream.rangeClosed(1, size).boxed().toList(), size);
  }

  /** The JDBC URL of node {@code i} (1-based), for database {@code database} ("" for none). */
  public String url(int node, String database) {
    return "jdbc:mariadb://127.0.0.1:" + sqlPort(node) + "/" + database;
  }

  /** The number of nodes. */
  public int size() {
    return size;
  }

  /** True while node {@code i}'s process runs. */
  public boolean alive(int node) {
    Process p = nodes[node - 1];
    return p != null && p.isAlive();
  }

  /** Kills node {@code i} outright (SIGKILL), as a crash would, and waits for it to be gone. */
  public void kill(int node) {
    Process p = nodes[node - 1];
    p.destroyForcibly();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node " + node + " survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a killed node again with its datadir as the crash left it: it rejoins the others by
   * incremental state transfer when they still hold the writes it missed. Returns once it is
   * synced.
   */
  public void restart(int node) {
    if (alive(node)) {
      throw new IllegalStateException("node " + node + " is running");
    }
    launch(node, false);
    awaitAll(List.of(node), liveCount());
  }

  private int liveCount() {
    return (int) IntStream.rangeClosed(1, size).filter(this::alive).count();
  }

  /** A status variable of node {@code i}, e.g. {@code wsrep_cluster_size}. */
  public String status(int node, String variable) {
    try (Connection c = DriverManager.getConnection(url(node, ""), "root", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
      return rs.next() ? rs.getString(2) : "";
    } catch (SQLException e) {
      throw new IllegalStateException("node " + node + ": " + e.getMessage(), e);
    }
  }

  /** The sum of a numeric status variable over the running nodes. */
  public long total(String variable) {
    return IntStream.rangeClosed(1, size)
        .filter(this::alive)
        .mapToLong(i -> Long.parseLong(status(i, variable)))
        .sum();
  }

  private void launch(int node, boolean bootstrap) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of(SETPRIV.toString()));
    if (root()) {
      cmd.addAll(List.of("--reuid=mysql", "--regid=mysql", "--init-groups"));
    }
    cmd.addAll(List.of("--pdeathsig", "KILL", "--", MARIADBD.toString(), "--no-defaults"));
    String gcomm =
        IntStream.rangeClosed(1, size)
            .mapToObj(i -> "127.0.0.1:" + (base + 10 + i))
            .collect(Collectors.joining(","));
    cmd.addAll(
        List.of(
            "--datadir=" + dataDir(node),
            "--socket=" + dir.resolve("n" + node + ".sock"),
            "--pid-file=" + dir.resolve("n" + node + ".pid"),
            "--log-error=" + errorLog(node),
            "--port=" + sqlPort(node),
            "--bind-address=127.0.0.1",
            "--skip-name-resolve",
            "--binlog-format=ROW",
            "--default-storage-engine=InnoDB",
            "--innodb-autoinc-lock-mode=2",
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-buffer-pool-size=64M",
            "--max-connections=200",
            "--wsrep-on=ON",
            "--wsrep-provider=" + PROVIDER,
            "--wsrep-cluster-name=credits-test-" + base,
            "--wsrep-node-name=n" + node,
            "--wsrep-node-address=127.0.0.1:" + (base + 10 + node),
            "--wsrep-cluster-address=gcomm://" + gcomm,
            "--wsrep-provider-options=base_port="
                + (base + 10 + node)
                + ";ist.recv_addr=127.0.0.1:"
                + (base + 20 + node)
                + ";gcache.size=64M;pc.recovery=false",
            "--wsrep-sst-method=rsync",
            "--wsrep-sst-receive-address=127.0.0.1:" + (base + 30 + node)));
    if (Boolean.getBoolean("credits.test.galera.generalLog")) {
      cmd.addAll(
          List.of("--general-log=1", "--general-log-file=" + dir.resolve("n" + node + ".log")));
    }
    if (bootstrap) {
      cmd.add("--wsrep-new-cluster");
    }
    try {
      nodes[node - 1] =
          launcher
              .submit(
                  () ->
                      new ProcessBuilder(cmd)
                          .redirectErrorStream(true)
                          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                          .start())
              .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Galera node " + node + ": " + cmd, e);
    }
  }

  /** Waits until each of {@code which} accepts connections, is Synced and sees {@code size}. */
  private void awaitAll(List<Integer> which, int clusterSize) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    for (int node : which) {
      String last = "not started";
      while (true) {
        if (!alive(node)) {
          throw new IllegalStateException(
              "Galera node " + node + " exited; its log:\n" + tail(errorLog(node)));
        }
        try {
          String state = status(node, "wsrep_local_state_comment");
          String seen = status(node, "wsrep_cluster_size");
          if ("Synced".equals(state) && Integer.toString(clusterSize).equals(seen)) {
            break;
          }
          last = state + ", cluster size " + seen;
        } catch (IllegalStateException notYet) {
          last = notYet.getMessage();
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Galera node "
                  + node
                  + " not synced in a cluster of "
                  + clusterSize
                  + " within "
                  + START_TIMEOUT_SECONDS
                  + " s ("
                  + last
                  + "); its log:\n"
                  + tail(errorLog(node)));
        }
        pause(250);
      }
    }
  }

  /** Stops every node (SIGTERM, SIGKILL after 30 s), keeps the logs, deletes the datadirs. */
  @Override
  public void close() {
    for (int i = size; i >= 1; i--) {
      Process p = nodes[i - 1];
      if (p != null && p.isAlive()) {
        p.destroy();
      }
    }
    for (int i = 1; i <= size; i++) {
      Process p = nodes[i - 1];
      if (p == null) {
        continue;
      }
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    launcher.shutdownNow();
    try {
      Path logs = Files.createDirectories(Path.of("target", "galera"));
      for (int i = 1; i <= size; i++) {
        if (Files.exists(dir.resolve("n" + i + ".log"))) {
          Files.copy(
              dir.resolve("n" + i + ".log"),
              logs.resolve("n" + i + ".log"),
              StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.exists(errorLog(i))) {
          Files.copy(
              errorLog(i), logs.resolve("n" + i + ".err"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      System.err.println("could not keep the Galera logs: " + e);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path dataDir(int node) {
    return dir.resolve("n" + node);
  }

  private Path errorLog(int node) {
    return dir.resolve("n" + node + ".err");
  }

  private int sqlPort(int node) {
    return base + node;
  }

  private static int freeBase(int size) {
    int base = Integer.getInteger("credits.test.galera.port", 19400);
    for (int attempt = 0; attempt < 20; attempt++, base += 40) {
      int b = base;
      boolean free =
          IntStream.rangeClosed(1, size)
              .flatMap(i -> IntStream.of(b + i, b + 10 + i, b + 20 + i, b + 30 + i))
              .allMatch(GaleraCluster::free);
      if (free) {
        return b;
      }
    }
    throw new IllegalStateException("no free block of Galera ports from " + base);
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
