package dev.credits4j.samples.javase;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.Balance;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.spi.FeatureGate;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.sql.DataSource;
import org.javamoney.moneta.Money;

/**
 * Embedding credits4j in a plain Java SE application: no container, no CDI. The host owns a {@link
 * DataSource} (a HikariCP pool here); {@link Credits4j#builder()} migrates it and builds the SDK's
 * services over it, with the host's own {@link Clock} and {@link FeatureGate}.
 *
 * <p>The code shows what an embedder writes: create a workspace for a tenant, register the host's
 * organizations, grant credits, spend them with an idempotency key (so a retried call has one
 * effect), handle an {@link InsufficientCreditsException}, page through history with a cursor, and
 * audit a wallet. Run it with {@code mvn -q -B -f samples/java-se exec:java} after installing the
 * project; {@code CREDITS_DB_URL}, {@code CREDITS_DB_USER} and {@code CREDITS_DB_PASSWORD} point it
 * at another database (H2, PostgreSQL or MariaDB, whose JDBC driver must then be added).
 */
public final class JavaSeSample {
  /** The default database: in memory, gone when the JVM exits. */
  public static final String IN_MEMORY_URL = "jdbc:h2:mem:credits4j-java-se;DB_CLOSE_DELAY=-1";

  static final CurrencyUnit EUR = Monetary.getCurrency("EUR");

  /** The host's users, as the SDK records them on every entry: its ids and display names. */
  static final Actor OPS = Actor.team("ops-7", "Olga Ops");

  static final Actor BILLING_JOB = Actor.system("billing-job");

  /**
   * The host's plans: a tenant may use credits on the "pro" plan only. The SDK asks the {@link
   * FeatureGate} on every operation, so a downgrade applies at once.
   */
  private final Map<String, String> plans = new ConcurrentHashMap<>();

  private final PrintStream out;

  private JavaSeSample(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
    Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
    String url = env("CREDITS_DB_URL", IN_MEMORY_URL);
    try (HikariDataSource dataSource =
        pool(url, env("CREDITS_DB_USER", "sa"), env("CREDITS_DB_PASSWORD", ""))) {
      System.out.println("credits4j Java SE sample on " + url);
      run(dataSource, Clock.systemUTC(), "tenant-" + System.currentTimeMillis(), System.out);
    }
  }

  /** What the sample ends with, for its test to check. */
  public record Outcome(
      Balance balance,
      LedgerEntryView firstCharge,
      LedgerEntryView retriedCharge,
      InsufficientCreditsException refusal,
      CreditsException gated,
      List<LedgerEntryView> history,
      int historyPages,
      ReconciliationReport reconciliation,
      VerificationReport verification) {}

  /**
   * Runs the sample against a database: the SDK migrates it, then the tenant {@code tenant} gets a
   * workspace. Each run should use a new tenant key on a database that is kept.
   */
  public static Outcome run(DataSource dataSource, Clock clock, String tenant, PrintStream out) {
    JavaSeSample sample = new JavaSeSample(out);
    try (Credits4j credits =
        Credits4j.builder()
            .dataSource(dataSource)
            .migrate(true)
            .clock(clock)
            .featureGate(sample::creditsAllowed)
            .property("eclipselink.logging.level.metadata", "SEVERE")
            .build()) {
      return sample.tell(credits, tenant, clock);
    }
  }

  private boolean creditsAllowed(String workspace) {
    return "pro".equals(plans.get(workspace));
  }

  private Outcome tell(Credits4j credits, String tenant, Clock clock) {
    CreditLedger ledger = credits.ledger();
    WalletRef northwind = openTenant(credits, tenant);
    grantOrder(ledger, northwind, clock);

    // 3. A metered job spends credits. The job's own id is the idempotency key: if the call is
    //    retried after a timeout, the SDK returns the first entry and charges once.
    ConsumeRequest charge =
        ConsumeRequest.of(northwind, BigDecimal.valueOf(120), BILLING_JOB, "job-42");
    LedgerEntryView first = ledger.consume(charge);
    LedgerEntryView retried = ledger.consume(charge);
    out.printf(
        "job-42 charged %s (retry returned entry #%d again)%n",
        c(first.amount()), retried.sequence());

    InsufficientCreditsException refusal = overspend(ledger, northwind);
    CreditsException gated = downgrade(ledger, tenant, northwind);

    // 6. More usage, then the history, newest first, two entries per page with a cursor.
    for (int job = 45; job <= 47; job++) {
      ledger.consume(ConsumeRequest.of(northwind, BigDecimal.valueOf(10), OPS, "job-" + job));
    }
    List<LedgerEntryView> history = new ArrayList<>();
    int pages = readHistory(ledger, northwind, history);

    // 7. The audit any operator can run: invariants and the hash chain.
    Balance balance = ledger.balance(northwind);
    ReconciliationReport reconciliation = ledger.reconcile(northwind);
    VerificationReport verification = ledger.verify(northwind);
    out.printf(
        "balance %s, available %s; reconciled: %s, chain intact: %s%n",
        c(balance.balance()), c(balance.available()), reconciliation.clean(), verification.valid());
    return new Outcome(
        balance, first, retried, refusal, gated, history, pages, reconciliation, verification);
  }

  /**
   * 1. A tenant of the host platform becomes a workspace; its customers become organizations.
   * Returns the tenant's one organization.
   */
  private WalletRef openTenant(Credits4j credits, String tenant) {
    plans.put(tenant, "pro");
    credits.workspaces().create(WorkspaceSettings.builder(tenant, EUR).name("Northwind").build());
    WalletRef northwind = WalletRef.of(tenant, "org-northwind");
    credits.workspaces().registerOrganization(northwind, "Northwind Traders");
    out.printf("workspace %s, organization %s%n", tenant, northwind.organization());
    return northwind;
  }

  /**
   * 2. The host sold 500 credits through its own checkout: it grants them as one lot with the price
   * paid per credit as cost basis (revenue is recognized as they are used), expiring in a year. The
   * purchase id as idempotency key makes a retried grant harmless.
   */
  private void grantOrder(CreditLedger ledger, WalletRef northwind, Clock clock) {
    LedgerEntryView grant =
        ledger.grant(
            GrantRequest.builder(northwind, BigDecimal.valueOf(500), BILLING_JOB)
                .costBasis(Money.of(new BigDecimal("0.18"), EUR))
                .expiresAt(clock.instant().plus(Duration.ofDays(365)))
                .description("Order #1001: 500 credits")
                .idempotencyKey("order-1001")
                .build());
    out.printf("granted %s credits, balance %s%n", c(grant.amount()), c(grant.balanceAfter()));
  }

  /**
   * 4. Spending more than is available changes nothing and says by how much it falls short. Returns
   * the refusal.
   */
  private InsufficientCreditsException overspend(CreditLedger ledger, WalletRef northwind) {
    InsufficientCreditsException refusal = null;
    try {
      ledger.consume(ConsumeRequest.of(northwind, BigDecimal.valueOf(1_000), OPS, "job-43"));
    } catch (InsufficientCreditsException e) {
      refusal = e;
      out.printf(
          "job-43 refused: needs %s, has %s available, short by %s%n",
          c(e.required()), c(e.available()), c(e.shortfall()));
    }
    return refusal;
  }

  /**
   * 5. The host downgrades the tenant: the FeatureGate closes the module at once. Returns the
   * refusal, then puts the tenant back on the "pro" plan.
   */
  private CreditsException downgrade(CreditLedger ledger, String tenant, WalletRef northwind) {
    plans.put(tenant, "free");
    CreditsException gated = null;
    try {
      ledger.consume(ConsumeRequest.of(northwind, BigDecimal.ONE, OPS, "job-44"));
    } catch (CreditsException e) {
      if (e.code() != ErrorCode.MODULE_DISABLED) {
        throw e;
      }
      gated = e;
      out.println("on the free plan: " + e.getMessage());
    }
    plans.put(tenant, "pro");
    return gated;
  }

  /**
   * Reads the purchases and usage, newest first, two entries per page with a cursor, into {@code
   * history} and prints them; returns how many pages it took.
   */
  private int readHistory(CreditLedger ledger, WalletRef northwind, List<LedgerEntryView> history) {
    int pages = 0;
    HistoryQuery query =
        new HistoryQuery(
            northwind, Set.of(EntryType.PURCHASE, EntryType.USAGE), null, null, null, 2);
    for (HistoryPage page = ledger.history(query); ; page = ledger.history(query)) {
      pages++;
      history.addAll(page.entries());
      if (page.nextCursor() == null) {
        break;
      }
      query = query.next(page.nextCursor());
    }
    for (LedgerEntryView e : history) {
      out.printf(
          "  #%d %-8s %6s -> %s%n", e.sequence(), e.type(), c(e.amount()), c(e.balanceAfter()));
    }
    return pages;
  }

  /** Credits as the ledger stores them (scale 4) shown without trailing zeros. */
  private static String c(BigDecimal credits) {
    return credits.stripTrailingZeros().toPlainString();
  }

  /** A small pool; the SDK builds its entity manager factory over it. */
  static HikariDataSource pool(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setPoolName("java-se-sample");
    return new HikariDataSource(config);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
