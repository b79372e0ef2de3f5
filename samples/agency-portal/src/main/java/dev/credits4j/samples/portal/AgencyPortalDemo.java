package dev.credits4j.samples.portal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.notify.mail.SmtpSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The portal's story over four simulated months: a company signs up, buys the Starter package (100
 * credits, 90 days), spends until its balance runs low, is warned 30 and 7 days before its credits
 * expire, and is told when the rest expired — each message in its in-app inbox (and its members'
 * mailboxes when {@code PORTAL_SMTP_HOST} / {@code PORTAL_SMTP_PORT} name a mail server). Run it
 * with {@code mvn -q -B -f samples/agency-portal exec:java} after installing.
 */
public final class AgencyPortalDemo {
  static final String IN_MEMORY_URL = "jdbc:h2:mem:agency-portal;DB_CLOSE_DELAY=-1";

  private AgencyPortalDemo() {}

  public static void main(String[] args) {
    Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
    Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(IN_MEMORY_URL);
    config.setUsername("sa");
    config.setPoolName("agency-portal");
    String smtpHost = System.getenv("PORTAL_SMTP_HOST");
    SmtpSettings smtp =
        smtpHost == null || smtpHost.isBlank()
            ? null
            : SmtpSettings.of(
                    smtpHost,
                    Integer.parseInt(System.getenv().getOrDefault("PORTAL_SMTP_PORT", "25")),
                    "Pixel & Pine credits <credits@pixelpine.test>")
                .withTls(SmtpSettings.Tls.NONE);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      run(dataSource, smtp, System.out);
    }
  }

  /** What the story left in the company's inbox, for the test. */
  public record Outcome(
      List<PortalStore.InboxMessage> inbox,
      List<AgencyPortal.JobsRun> jobRuns,
      java.math.BigDecimal finalBalance) {}

  public static Outcome run(DataSource dataSource, SmtpSettings smtp, PrintStream out) {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-05T09:00:00Z"));
    List<AgencyPortal.JobsRun> runs = new java.util.ArrayList<>();
    try (AgencyPortal portal = AgencyPortal.open(dataSource, clock, "pixel-pine", smtp)) {
      portal.addStaff("staff-tess", "Tess Rivera", "tess@pixelpine.test");
      portal.signUp("acme", "Acme Corp", "acme-alice", "Alice Ng", "alice@acme.test");

      PurchaseView order = portal.orderPackage("acme-alice", "Starter", "portal-order-1");
      portal.confirmPayment("staff-tess", order, "BANK-2026-0001");
      portal.requestService("acme-alice", "Logo Design", 1); // 25 credits: 75 left
      portal.requestService("acme-alice", "Social Media Graphics", 3); // 24: 51 left
      portal.requestService("acme-alice", "Social Media Graphics", 1); // 8: 43, below 50
      runs.add(step(portal, out, "day 0, after purchase and spending"));

      clock.advance(Duration.ofDays(61)); // 29 days before the lot's expiry
      runs.add(step(portal, out, "day 61"));
      clock.advance(Duration.ofDays(23)); // 6 days before
      runs.add(step(portal, out, "day 84"));
      clock.advance(Duration.ofDays(7)); // a day past expiry
      runs.add(step(portal, out, "day 91"));
      runs.add(step(portal, out, "day 91, jobs again"));

      out.println("Acme's inbox:");
      List<PortalStore.InboxMessage> inbox = portal.inbox("acme");
      inbox.forEach(m -> out.printf("  %-22s %s%n", m.kind(), m.text()));
      return new Outcome(inbox, runs, portal.balance("acme").balance());
    }
  }

  private static AgencyPortal.JobsRun step(AgencyPortal portal, PrintStream out, String when) {
    AgencyPortal.JobsRun run = portal.runJobs();
    out.printf(
        "%-36s expired %d lot(s), %d warning(s), %d notification(s) delivered%n",
        when + ":", run.expiry().lotsExpired(), run.warnings(), run.dispatch().delivered());
    return run;
  }
}
