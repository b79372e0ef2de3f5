package dev.credits4j.samples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.CostPreview;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotView;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.References;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.request.DemoOfferings;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import javax.sql.DataSource;
import org.javamoney.moneta.Money;

/**
 * The story of the credits help text, told with the SDK's plain-Java builder on an embedded H2
 * database: an agency seeds the SDK's demo package catalog and offerings, sells packages to two
 * client organizations (manual payments a team member confirms), which spend the credits on service
 * requests; the team adjusts and transfers credits; every movement lands in an immutable,
 * hash-chained ledger that reconciles.
 *
 * <p>Run it with {@code mvn -q -B -f samples/quickstart exec:java} after installing the project.
 * {@code CREDITS_DB_URL} (with {@code CREDITS_DB_USER} and {@code CREDITS_DB_PASSWORD}) points it
 * at another H2 database, e.g. {@code jdbc:h2:file:./target/quickstart}.
 */
public final class Quickstart {
  /**
   * Libraries that report progress at INFO: Flyway and HikariCP through SLF4J (bound to
   * java.util.logging in this sample), Moneta through java.util.logging itself. Held here so the
   * levels {@link #quietLogging} sets stay in force.
   */
  private static final List<Logger> CHATTY_LOGGERS =
      Stream.of("org.flywaydb", "org.javamoney.moneta", "com.zaxxer.hikari")
          .map(Logger::getLogger)
          .toList();

  static {
    // Before the catalog below makes Moneta log its configuration.
    quietLogging();
  }

  /** Where the story runs unless {@code CREDITS_DB_URL} says otherwise. */
  public static final String IN_MEMORY_URL = "jdbc:h2:mem:credits4j-quickstart;DB_CLOSE_DELAY=-1";

  /**
   * The SDK's entities declare lazy to-one relations, which EclipseLink turns eager, warning about
   * it at start-up, when its weaving is off (as the SDK configures it). The warning is harmless;
   * this keeps it out of the story.
   */
  static final String ECLIPSELINK_METADATA_LOG_LEVEL = "eclipselink.logging.level.metadata";

  static final CurrencyUnit USD = Monetary.getCurrency("USD");

  // The names DemoCatalog and DemoOfferings give the help text's packages and services.
  static final String STARTER = "Starter";
  static final String PROFESSIONAL = "Professional";
  static final String ENTERPRISE = "Enterprise";
  static final String LOGO_DESIGN = "Logo Design";
  static final String BLOG_POST = "Blog Post Writing";
  static final String SOCIAL_GRAPHICS = "Social Media Graphics";

  // The people: the SDK never owns users, it records the host's ids and names on every entry.
  static final Actor TESS = Actor.team("u-tess", "Tess Rivera");
  static final Actor ALICE = Actor.client("u-alice", "Alice Ng");
  static final Actor HANK = Actor.client("u-hank", "Hank Scorpio");

  private static final String RULE = "=".repeat(78);
  private static final int WHAT_WIDTH = 48;
  private static final String NOTE_INDENT = " ".repeat(2 + 7 + 2 + 17 + 1);

  private final CreditLedger ledger;
  private final Workspaces workspaces;
  private final PackageCatalog catalog;
  private final Purchases purchaseDesk;
  private final Offerings offerings;
  private final ServiceRequests serviceRequests;
  private final Clock clock;
  private final PrintStream out;
  private final Map<WalletRef, String> names = new LinkedHashMap<>();
  private final Map<String, CreditPackageView> packages = new LinkedHashMap<>();
  private final Map<String, OfferingView> services = new LinkedHashMap<>();

  /** Short labels for the SDK's purchase and request ids (UUIDs), as the history shows them. */
  private final Map<String, String> labels = new LinkedHashMap<>();

  private final List<PurchaseView> purchases = new ArrayList<>();
  private final List<ServiceRequestView> requests = new ArrayList<>();
  private String workspace;
  private ZoneId zone;
  private MonetaryAmount baseRate;
  private int section;
  private int requestCount;
  private int purchaseCount;

  private Quickstart(Credits4j credits, Clock clock, PrintStream out) {
    this.ledger = credits.ledger();
    this.workspaces = credits.workspaces();
    this.catalog = credits.catalog();
    this.purchaseDesk = credits.purchases();
    this.offerings = credits.offerings();
    this.serviceRequests = credits.requests();
    this.clock = clock;
    this.out = out;
  }

  public static void main(String[] args) {
    String url = env("CREDITS_DB_URL", IN_MEMORY_URL);
    Clock clock = Clock.systemUTC();
    try (HikariDataSource dataSource =
            pool(url, env("CREDITS_DB_USER", "sa"), env("CREDITS_DB_PASSWORD", ""));
        Credits4j credits = credits(dataSource, clock)) {
      System.out.println("credits4j quickstart on " + url);
      run(credits, clock, System.out);
    }
  }

  /**
   * The SDK over the data source, with the plain-Java builder: it applies its migrations first,
   * then builds its entity manager factory (EclipseLink here, found on the classpath) over it.
   */
  public static Credits4j credits(DataSource dataSource, Clock clock) {
    return Credits4j.builder()
        .dataSource(dataSource)
        .migrate(true)
        .clock(clock)
        .property(ECLIPSELINK_METADATA_LOG_LEVEL, "SEVERE")
        .build();
  }

  /** Keeps warnings and errors of those libraries, not their progress reports. */
  static void quietLogging() {
    CHATTY_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
  }

  /** A small pool over the database; the SDK builds its entity manager factory on top of it. */
  public static HikariDataSource pool(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setPoolName("quickstart");
    return new HikariDataSource(config);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** What the story ends with, for a test to check. */
  public record Outcome(
      String workspace,
      List<CreditPackageView> packages,
      List<OfferingView> offerings,
      List<PurchaseView> purchases,
      List<ServiceRequestView> requests,
      Balance acme,
      Balance globex,
      InsufficientCreditsException refusal,
      List<ReconciliationReport> reconciliations,
      List<VerificationReport> verifications) {}

  /**
   * Tells the story on an SDK instance whose schema is migrated, printing it to {@code out}. The
   * workspace is {@code agency}, or {@code agency-2}, {@code agency-3}... when the database holds
   * the workspaces of earlier runs.
   */
  public static Outcome run(Credits4j credits, Clock clock, PrintStream out) {
    return new Quickstart(credits, clock, out).tell();
  }

  private Outcome tell() {
    openWorkspace();
    WalletRef acme = organization("acme", "Acme Corp");
    WalletRef globex = organization("globex", "Globex Inc");
    out.printf(
        "  People: %s (agency team), %s (Acme), %s (Globex)%n",
        TESS.name(), ALICE.name(), HANK.name());
    showCatalog();

    buyPackages(acme, globex);
    requestServices(acme, globex);

    section("Insufficient credits: nothing is charged, the SDK suggests packages");
    InsufficientCreditsException refusal = refusedRequest(globex, BLOG_POST, 5_000, HANK);

    transferThenRequestAgain(acme, globex);
    topUpAndAdjust(acme);

    section("Hold and capture: reserve an estimate, settle the real cost");
    holdAndCapture(acme);

    section("Balances");
    Balance acmeBalance = printBalance(acme);
    out.println();
    Balance globexBalance = printBalance(globex);

    section("Transaction history, oldest first");
    printHistory(acme);
    out.println();
    printHistory(globex);

    section("Audit: reconcile() checks every invariant, verify() the hash chain");
    List<ReconciliationReport> reconciliations = new ArrayList<>();
    List<VerificationReport> verifications = new ArrayList<>();
    audit(reconciliations, verifications);
    return new Outcome(
        workspace,
        List.copyOf(packages.values()),
        List.copyOf(services.values()),
        purchases.stream().map(p -> purchaseDesk.get(p.id())).toList(),
        List.copyOf(requests),
        acmeBalance,
        globexBalance,
        refusal,
        reconciliations,
        verifications);
  }

  // ------------------------------------------------------------------------------- the chapters

  private void buyPackages(WalletRef acme, WalletRef globex) {
    section("Purchases: a team member confirms each manual payment, then a lot is granted");
    buy(acme, PROFESSIONAL, ALICE);
    PurchaseView starter = buy(globex, STARTER, HANK);
    PurchaseView again =
        purchaseDesk.confirmManualPayment(starter.id(), TESS, "BANK-" + label(starter));
    line(
        "globex",
        "Confirm again",
        "payment confirmed twice: still one lot, " + again.status(),
        "",
        Formats.credits(ledger.balance(globex).balance()));
  }

  private void requestServices(WalletRef acme, WalletRef globex) {
    section("Service requests: each debits its cost at once");
    request(acme, LOGO_DESIGN, 1, ALICE);
    request(acme, BLOG_POST, 2_500, ALICE);
    request(acme, SOCIAL_GRAPHICS, 3, ALICE);
    request(globex, LOGO_DESIGN, 1, HANK);
    request(globex, SOCIAL_GRAPHICS, 5, HANK);
  }

  private void transferThenRequestAgain(WalletRef acme, WalletRef globex) {
    section("Transfer between organizations, then the request again");
    TransferResult transfer =
        ledger.transfer(
            new TransferRequest(
                acme,
                globex,
                BigDecimal.valueOf(100),
                null,
                "Sponsoring Globex's launch campaign",
                TESS,
                "transfer-launch-campaign"));
    step(
        acme,
        "Transfer out",
        "to globex: " + transfer.outgoing().description(),
        transfer.outgoing());
    step(globex, "Transfer in", "from acme, keeping expiry and cost basis", transfer.incoming());
    request(globex, BLOG_POST, 5_000, HANK);
  }

  private void topUpAndAdjust(WalletRef acme) {
    section("A top-up and the team's manual adjustments");
    buy(acme, ENTERPRISE, ALICE);
    LedgerEntryView bonus =
        ledger.addManually(
            new AdjustmentRequest(
                acme,
                BigDecimal.valueOf(50),
                ReasonCode.BONUS,
                "Anniversary bonus (60 days)",
                clock.instant().plus(Duration.ofDays(60)),
                TESS,
                "bonus-anniversary"));
    step(acme, "Manual addition", describe(bonus), bonus);
    LedgerEntryView correction =
        ledger.deductManually(
            new AdjustmentRequest(
                acme,
                BigDecimal.valueOf(10),
                ReasonCode.CORRECTION,
                "Bonus was approved at 40",
                null,
                TESS,
                "bonus-anniversary-correction"));
    step(acme, "Manual deduction", describe(correction), correction);
  }

  private void openWorkspace() {
    section("The agency workspace and its client organizations");
    workspace = freeKey("agency");
    WorkspaceSettings settings =
        workspaces.create(
            WorkspaceSettings.builder(workspace, USD)
                .name("Pixel & Pine Agency")
                .baseCreditRate(Money.of(1, USD))
                .timeZone(ZoneId.of("UTC"))
                .build());
    zone = settings.timeZone();
    baseRate = settings.baseCreditRate();
    out.printf(
        "  Workspace '%s' (%s): bills in %s, base rate %s per credit, whole credits%n",
        settings.key(),
        settings.name(),
        settings.currency().getCurrencyCode(),
        Formats.money(baseRate));
  }

  /**
   * Seeds the SDK's demo catalog and offerings into the workspace and prints them as the SDK
   * computes them: price per credit, discount against the base rate, expiry.
   */
  private void showCatalog() {
    section("Credit packages and credit-based services, seeded from the SDK's demo data");
    Table table =
        new Table(
            Table.Column.left("Package", 14),
            Table.Column.right("Credits"),
            Table.Column.right("Price"),
            Table.Column.right("Per credit"),
            Table.Column.right("vs base rate"),
            Table.Column.right("Expires after"),
            Table.Column.left("Featured", 8));
    for (CreditPackageView p : DemoCatalog.seed(catalog, workspace, USD)) {
      packages.put(p.name(), p);
      table.row(
          p.name(),
          Formats.credits(p.totalCredits()),
          Formats.money(p.price()),
          Formats.money(p.pricePerCredit()),
          p.discountPercent() == null ? "" : "-" + p.discountPercent().toPlainString() + "%",
          p.expiryDays() == null ? "never" : p.expiryDays() + " days",
          p.featured() ? "featured" : "");
    }
    table.print(out, "  ");
    out.println();
    Table table2 =
        new Table(
            Table.Column.left("Service", 24),
            Table.Column.right("Credits"),
            Table.Column.left("Per", 12),
            Table.Column.left("At a time", 12));
    for (OfferingView o : DemoOfferings.seed(offerings, workspace)) {
      services.put(o.name(), o);
      table2.row(
          o.name(),
          Formats.credits(o.creditsPerUnit()),
          o.unitLabel(),
          o.concurrentRequestLimit() == null ? "any" : "up to " + o.concurrentRequestLimit());
    }
    table2.print(out, "  ");
    out.println("  A started block counts in full: 2,500 words are 3 blocks of 1000 words.");
  }

  private InsufficientCreditsException refusedRequest(
      WalletRef wallet, String offering, long quantity, Actor client) {
    try {
      request(wallet, offering, quantity, client);
      throw new IllegalStateException("the request should have been refused");
    } catch (InsufficientCreditsException e) {
      line(
          wallet.organization(),
          "Usage REFUSED",
          describe(services.get(offering), quantity),
          Formats.signedCredits(e.required().negate()),
          "request not created");
      note(
          "balance %s, available %s, required %s, shortfall %s",
          Formats.credits(e.balance()),
          Formats.credits(e.available()),
          Formats.credits(e.required()),
          Formats.credits(e.shortfall()));
      note("the SDK suggests, smallest first:");
      for (CreditPackageView p : e.suggestedPackages()) {
        note(
            "  %s: %s credits for %s",
            p.name(), Formats.credits(p.totalCredits()), Formats.money(p.price()));
      }
      return e;
    }
  }

  /**
   * Work whose size is only estimated: the team holds what the request service previews for a blog
   * post of about 4,000 words (60 credits); 2,800 words are delivered, so the capture debits the 45
   * they cost and the other 15 are free again.
   */
  private void holdAndCapture(WalletRef wallet) {
    OfferingView blogPost = services.get(BLOG_POST);
    CostPreview estimate =
        serviceRequests.preview(wallet, blogPost.id(), BigDecimal.valueOf(4_000));
    CostPreview delivered =
        serviceRequests.preview(wallet, blogPost.id(), BigDecimal.valueOf(2_800));
    String jobId = nextRequestLabel();
    HoldView hold =
        ledger.hold(
            new HoldRequest(
                wallet,
                estimate.credits(),
                Duration.ofDays(7),
                blogPost.name() + ", about 4,000 words",
                References.request(blogPost.id().toString(), jobId),
                TESS,
                jobId + "-hold"));
    Balance during = ledger.balance(wallet);
    line(
        wallet.organization(),
        "Hold",
        hold.description(),
        "(" + Formats.credits(hold.amount()) + ")",
        Formats.credits(during.balance()));
    note(
        "balance %s, held %s, available %s",
        Formats.credits(during.balance()),
        Formats.credits(during.held()),
        Formats.credits(during.available()));
    CaptureResult captured =
        ledger.capture(
            new CaptureRequest(
                hold.id(),
                delivered.credits(),
                blogPost.name() + ", 2,800 words",
                TESS,
                jobId + "-capture"));
    step(wallet, "Usage (capture)", captured.entry().description(), captured.entry());
    note(
        "captured %s of the %s held; the other %s are available again",
        Formats.credits(captured.hold().captured()),
        Formats.credits(captured.hold().amount()),
        Formats.credits(captured.hold().amount().subtract(captured.hold().captured())));
  }

  private void audit(
      List<ReconciliationReport> reconciliations, List<VerificationReport> verifications) {
    Table audit =
        new Table(
            Table.Column.left("Organization", 14),
            Table.Column.right("Entries"),
            Table.Column.right("Balance"),
            Table.Column.right("Sum of entries"),
            Table.Column.right("Sum of lots"),
            Table.Column.right("Held"),
            Table.Column.left("reconcile()", 40),
            Table.Column.left("verify()", 40));
    for (WalletRef wallet : names.keySet()) {
      ReconciliationReport r = ledger.reconcile(wallet);
      VerificationReport v = ledger.verify(wallet);
      reconciliations.add(r);
      verifications.add(v);
      audit.row(
          wallet.organization(),
          Long.toString(r.entries()),
          Formats.credits(r.balance()),
          Formats.credits(r.entrySum()),
          Formats.credits(r.lotRemainingSum()),
          Formats.credits(r.held()),
          r.clean() ? "clean" : String.join("; ", r.discrepancies()),
          v.valid()
              ? "chain intact (" + v.entriesChecked() + " entries)"
              : "broken at #" + v.firstBadSequence() + ": " + v.problem());
    }
    audit.print(out, "  ");
  }

  // ------------------------------------------------------------------------------ the operations

  /** The first of {@code base}, {@code base-2}, {@code base-3}... that names no workspace yet. */
  private String freeKey(String base) {
    String key = base;
    for (int n = 2; workspaces.find(key).isPresent(); n++) {
      key = base + "-" + n;
    }
    return key;
  }

  private WalletRef organization(String id, String name) {
    WalletRef wallet = WalletRef.of(workspace, id);
    workspaces.registerOrganization(wallet, name);
    names.put(wallet, name);
    out.printf("  Organization '%s' (%s): wallet opened%n", id, name);
    return wallet;
  }

  /**
   * A purchase of a catalog package paid by bank transfer: the client creates it (PENDING), a team
   * member confirms the money arrived, and the SDK grants one lot of the package's credits at its
   * cost basis per credit, expiring after the package's expiry days (CREDITED).
   */
  private PurchaseView buy(WalletRef wallet, String packageName, Actor buyer) {
    CreditPackageView p = packages.get(packageName);
    String label = "PUR-" + (2001 + purchaseCount++);
    PurchaseView pending =
        purchaseDesk.create(PurchaseRequest.manual(wallet, p.id(), buyer, label));
    labels.put(pending.id().toString(), label);
    PurchaseView credited = purchaseDesk.confirmManualPayment(pending.id(), TESS, "BANK-" + label);
    purchases.add(credited);
    LedgerEntryView entry = entry(wallet, credited.creditEntry().toString());
    step(
        wallet,
        "Purchase",
        p.name()
            + ": "
            + Formats.credits(credited.totalCredits())
            + " for "
            + Formats.money(credited.price())
            + ", "
            + credited.status(),
        entry);
    return credited;
  }

  /**
   * A client's request for a credit-based service: the SDK computes its cost from the offering and
   * debits it at once, or creates nothing and throws {@link InsufficientCreditsException} with the
   * packages that would cover the shortfall.
   */
  private ServiceRequestView request(
      WalletRef wallet, String offeringName, long quantity, Actor client) {
    OfferingView offering = services.get(offeringName);
    String label = nextRequestLabel();
    String what = describe(offering, quantity);
    ServiceRequestView created =
        serviceRequests.create(
            new NewServiceRequest(
                wallet, offering.id(), BigDecimal.valueOf(quantity), what, client, label));
    labels.put(created.id().toString(), label);
    requests.add(created);
    step(wallet, "Usage", what, entry(wallet, created.usageEntry().toString()));
    return created;
  }

  /** The ledger entry with that id, from the wallet's newest entries. */
  private LedgerEntryView entry(WalletRef wallet, String id) {
    return ledger.history(HistoryQuery.firstPage(wallet, 10)).entries().stream()
        .filter(e -> e.id().toString().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** {@code Logo Design}, {@code Blog Post Writing, 2,500 words}. */
  private static String describe(OfferingView offering, long quantity) {
    if (offering.unitSize().compareTo(BigDecimal.ONE) == 0 && quantity == 1) {
      return offering.name();
    }
    String label = offering.unitLabel();
    String unit =
        offering.unitSize().compareTo(BigDecimal.ONE) == 0
            ? label + "s"
            : label.substring(label.lastIndexOf(' ') + 1);
    return offering.name() + ", " + Formats.count(quantity) + " " + unit;
  }

  /** An entry's description with its reason code first: {@code [BONUS] Anniversary bonus}. */
  private static String describe(LedgerEntryView entry) {
    String description = entry.description() == null ? "" : entry.description();
    return entry.reason() == null ? description : "[" + entry.reason() + "] " + description;
  }

  private String nextRequestLabel() {
    return "REQ-" + (1001 + requestCount++);
  }

  /** The short label of a purchase. */
  private String label(PurchaseView purchase) {
    return labels.get(purchase.id().toString());
  }

  // ---------------------------------------------------------------------------------- printing

  private void section(String title) {
    out.println();
    out.println(RULE);
    out.printf(" %d. %s%n", ++section, title);
    out.println(RULE);
  }

  /** One line per ledger entry: who, what, the signed amount and the balance after it. */
  private void step(WalletRef wallet, String type, String what, LedgerEntryView entry) {
    line(
        wallet.organization(),
        type,
        what,
        Formats.signedCredits(entry.amount()),
        Formats.credits(entry.balanceAfter()));
  }

  private void line(String organization, String type, String what, String amount, String after) {
    String shown = what.length() > WHAT_WIDTH ? what.substring(0, WHAT_WIDTH - 3) + "..." : what;
    out.printf(
        "  %-7s  %-17s %-" + WHAT_WIDTH + "s %7s  -> %s%n",
        organization,
        type,
        shown,
        amount,
        after);
  }

  /** A line under the previous one, aligned with its description. */
  private void note(String format, Object... args) {
    out.println(NOTE_INDENT + String.format(Locale.US, format, args));
  }

  private Balance printBalance(WalletRef wallet) {
    Balance b = ledger.balance(wallet);
    out.printf(
        "  %s (%s): balance %s, held %s, available %s%n",
        wallet.organization(),
        names.get(wallet),
        Formats.credits(b.balance()),
        Formats.credits(b.held()),
        Formats.credits(b.available()));
    Table lots =
        new Table(
            Table.Column.left("Source", 14),
            Table.Column.left("Granted", 10),
            Table.Column.right("Original"),
            Table.Column.right("Remaining"),
            Table.Column.right("Per credit"),
            Table.Column.right("At cost"),
            Table.Column.left("Expires", 10));
    BigDecimal liability = BigDecimal.ZERO;
    for (LotView lot : b.lots()) {
      BigDecimal atCost =
          Formats.toMinorUnit(
              lot.remaining().multiply(Formats.amountOf(lot.costBasis())), lot.costBasis());
      liability = liability.add(atCost);
      lots.row(
          Formats.label(lot.source()),
          Formats.date(lot.grantedAt(), zone),
          Formats.credits(lot.original()),
          Formats.credits(lot.remaining()),
          Formats.money(lot.costBasis()),
          Formats.money(Money.of(atCost, USD)),
          Formats.date(lot.expiresAt(), zone));
    }
    lots.print(out, "    ");
    out.printf(
        "    outstanding credit liability (remaining x cost basis): %s%n",
        Formats.money(Money.of(liability, USD)));
    return b;
  }

  private void printHistory(WalletRef wallet) {
    List<LedgerEntryView> entries = new ArrayList<>();
    HistoryQuery query = HistoryQuery.firstPage(wallet, 100);
    while (true) {
      HistoryPage page = ledger.history(query);
      entries.addAll(page.entries());
      if (!page.hasMore()) {
        break;
      }
      query = query.next(page.nextCursor());
    }
    Collections.reverse(entries);
    out.printf("  %s (%s)%n", wallet.organization(), names.get(wallet));
    Table history =
        new Table(
            Table.Column.right("#"),
            Table.Column.left("Date", 16),
            Table.Column.left("Type", 16),
            Table.Column.right("Amount"),
            Table.Column.right("Balance"),
            Table.Column.left("Description / reason", 40),
            Table.Column.left("Reference", 10),
            Table.Column.left("By", 16));
    for (LedgerEntryView e : entries) {
      history.row(
          Long.toString(e.sequence()),
          Formats.dateTime(e.occurredAt(), zone),
          Formats.label(e.type()),
          Formats.signedCredits(e.amount()),
          Formats.credits(e.balanceAfter()),
          describe(e),
          reference(e),
          e.actor().name());
    }
    history.print(out, "  ");
  }

  /** What an entry relates to: the purchase, the service request, or the other wallet. */
  private String reference(LedgerEntryView e) {
    References r = e.references();
    if (r.purchaseId() != null) {
      return labels.getOrDefault(r.purchaseId(), r.purchaseId());
    }
    if (r.requestId() != null) {
      return labels.getOrDefault(r.requestId(), r.requestId());
    }
    if (e.counterparty() != null) {
      return (e.amount().signum() < 0 ? "to " : "from ") + e.counterparty().organization();
    }
    return "";
  }
}
