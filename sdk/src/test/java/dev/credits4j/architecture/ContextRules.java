package dev.credits4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import jakarta.persistence.Entity;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that keep the bounded contexts apart, over a root package so that {@code
 * ContextRulesTest} can show each one failing on fixture classes that break it.
 */
final class ContextRules {
  private ContextRules() {}

  /** The bounded contexts, each a package directly under the root, sub-packages included. */
  static final List<String> CONTEXTS =
      List.of(
          "workspace",
          "notify",
          "ledger",
          "catalog",
          "request",
          "purchase",
          "expiry",
          "allotment",
          "report",
          "webhook",
          "topup",
          "subscription",
          "promotion",
          "statement");

  /** Which contexts each context may use, as its package-info.java says. */
  static final Map<String, Set<String>> MAY_USE =
      Map.ofEntries(
          Map.entry("workspace", Set.of()),
          Map.entry("notify", Set.of("workspace")),
          Map.entry("ledger", Set.of("workspace", "notify", "catalog")),
          Map.entry("catalog", Set.of("workspace")),
          Map.entry("request", Set.of("workspace", "ledger", "catalog", "notify")),
          Map.entry("purchase", Set.of("workspace", "catalog", "ledger", "notify")),
          Map.entry("expiry", Set.of("workspace", "ledger", "notify")),
          Map.entry("allotment", Set.of("workspace", "ledger", "notify")),
          Map.entry("report", Set.of("workspace", "ledger", "purchase", "request", "catalog")),
          Map.entry("webhook", Set.of("workspace", "notify")),
          Map.entry("topup", Set.of("workspace", "ledger", "catalog", "purchase", "notify")),
          Map.entry("subscription", Set.of("workspace", "ledger", "request", "catalog", "notify")),
          Map.entry("promotion", Set.of("workspace", "ledger", "catalog", "notify")),
          Map.entry("statement", Set.of("workspace", "ledger", "request", "notify")));

  /**
   * Queries that still join entities of two contexts in one statement (one round trip over a large
   * table, ordered and paged across both), by class and the other context's entities they name. The
   * list only shrinks: docs/architecture.md says what replacing each would take.
   */
  static final Map<String, Set<String>> JOINS_ACROSS_CONTEXTS =
      Map.of(
          "allotment.DefaultAllotments", Set.of("Wallet", "Workspace"),
          "expiry.DefaultExpirySweep", Set.of("Lot", "Wallet", "Workspace"),
          "notify.DefaultExpiryWarnings", Set.of("Lot", "Wallet"));

  /**
   * The public top-level classes outside {@code api} and {@code spi}, by why they are public. Java
   * has no friend packages: what one package of the SDK uses from another must be public.
   * Everything else (entities, the contexts' helpers) is package-private; a class joins this list
   * only with a reason, and docs/architecture.md repeats the reasons. On the module path, those of
   * a package module-info.java does not export are public to the SDK's own packages only ({@link
   * ModuleDescriptorTest#EXPORTED}).
   */
  static final Map<String, Set<String>> PUBLIC_OUTSIDE_API_AND_SPI =
      Map.of(
          "the plain-Java bootstrap",
          Set.of("Credits4j", "CreditsScheduler", "SchemaMigrations"),
          "CDI beans that hosts list (Weld SE without discovery) or replace with an @Alternative",
          Set.of(
              "internal.CdiWiring",
              "ledger.DefaultCreditLedger",
              "ledger.DefaultOrganizations",
              "ledger.LedgerWallets",
              "workspace.DefaultWorkspaces",
              "catalog.DefaultPackageCatalog",
              "request.DefaultOfferings",
              "request.DefaultServiceRequests",
              "purchase.DefaultPurchases",
              "expiry.DefaultExpirySweep",
              "allotment.DefaultAllotments",
              "notify.DefaultNotificationDispatcher",
              "notify.DefaultNotificationOutbox",
              "notify.DefaultExpiryWarnings",
              "report.DefaultReports",
              "purchase.stripe.StripeWebhooks",
              "webhook.DefaultWebhooks",
              "webhook.WebhookNotifier",
              "topup.DefaultAutoTopUps",
              "subscription.DefaultSubscriptions",
              "promotion.DefaultPromotions",
              "statement.DefaultStatements"),
          "built-in implementations and settings that hosts configure",
          Set.of(
              "internal.JtaHostTransactions",
              "internal.JtaTransactions",
              "internal.ResourceLocalTransactions",
              "ledger.DebitCoalescing",
              "notify.CdiEventNotifier",
              "notify.DispatcherSettings",
              "notify.mail.MailNotifier",
              "notify.mail.MailRecipients",
              "notify.mail.MailTemplates",
              "notify.mail.SmtpSettings",
              "purchase.stripe.StripeGateway",
              "purchase.stripe.StripeSettings",
              "report.CsvExports",
              "topup.AutoTopUpSettings",
              "catalog.DemoCatalog",
              "request.DemoOfferings",
              "webhook.WebhookSettings"),
          "plumbing the contexts and the bootstrap share",
          Set.of(
              "internal.Checks",
              "internal.CreditAmounts",
              "internal.CreditsContext",
              "internal.Fingerprint",
              "internal.GaleraWrites",
              "internal.IdempotencyKeys",
              "internal.Ids",
              "internal.JoiningTransactions",
              "internal.LeasedQueue",
              "internal.LedgerKeysWarning",
              "internal.ReplicaReads",
              "internal.Micros",
              "internal.Seals",
              "internal.SettingsCache",
              "internal.SqlErrors",
              "internal.TransactionEvents",
              "internal.Transactions",
              "metrics.CreditsObservability"),
          "what a context offers the contexts above it",
          Set.of(
              "workspace.Workspace",
              "workspace.WorkspaceSnapshot",
              "workspace.WorkspaceReads",
              "workspace.WorkspaceWallets",
              "ledger.LockedWallet",
              "ledger.Lot",
              "ledger.LotRollover",
              "ledger.LedgerReads",
              "ledger.TopUpTriggers",
              "notify.Outbox",
              "catalog.CreditPackage",
              "catalog.CatalogReads",
              "catalog.Suggestions",
              "request.RequestReads",
              "purchase.PurchaseReads",
              "purchase.PurchaseValue"));

  static LayeredArchitecture layers(String root) {
    String[] contexts = CONTEXTS.stream().map(c -> root + "." + c + "..").toArray(String[]::new);
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Api")
        .definedBy(root + ".api..")
        .layer("Spi")
        .definedBy(root + ".spi..")
        .layer("Internal")
        .definedBy(root + ".internal..")
        .layer("Contexts")
        .definedBy(contexts)
        .layer("Metrics")
        .definedBy(root + ".metrics..")
        .layer("Bootstrap")
        .definedBy(root)
        .whereLayer("Api")
        .mayNotAccessAnyLayer()
        .whereLayer("Spi")
        .mayOnlyAccessLayers("Api")
        .whereLayer("Internal")
        .mayOnlyAccessLayers("Api", "Spi")
        .whereLayer("Contexts")
        .mayOnlyBeAccessedByLayers("Contexts", "Bootstrap")
        .whereLayer("Metrics")
        .mayOnlyBeAccessedByLayers("Bootstrap")
        .whereLayer("Bootstrap")
        .mayNotBeAccessedByAnyLayer();
  }

  static ArchRule contextMap(String root) {
    return classes()
        .that()
        .resideInAnyPackage(
            CONTEXTS.stream().map(c -> root + "." + c + "..").toArray(String[]::new))
        .should(useOnlyTheContextsTheyMay(root))
        .because("each context's package-info.java names the contexts it may use");
  }

  static ArchRule noCyclesBetweenTopLevelPackages(String root) {
    return slices()
        .matching(root + ".(*)..")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .because("contexts form a hierarchy: workspace at the bottom, report at the top");
  }

  static ArchRule noCyclesBetweenPackages(String root) {
    return slices()
        .matching(root + ".(**)")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .because("no package, sub-packages included, may need one that needs it");
  }

  static ArchRule jpqlNamesOnlyOwnEntities(String root) {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(nameInJpqlOnlyTheEntitiesOfTheirContext(root))
        .because(
            "each context owns its tables: others read them through its *Reads classes or"
                + " methods (see each package-info.java)");
  }

  static ArchRule publicOnlyWithAReason(String root, Map<String, Set<String>> allowed) {
    Set<String> listed = new TreeSet<>();
    allowed.values().forEach(listed::addAll);
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(root + ".api..", root + ".spi..")
        .and()
        .areTopLevelClasses()
        .and()
        .arePublic()
        .should(
            new ArchCondition<>("be listed with the reason they are public") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                String name = c.getName().substring(root.length() + 1);
                if (!listed.contains(name)) {
                  events.add(
                      SimpleConditionEvent.violated(
                          c, c.getName() + " is public but not listed: make it package-private"));
                }
              }
            })
        .because("outside api and spi, a class is public only when another package needs it");
  }

  /** The context a class belongs to: the package right below the root, if it is a context. */
  static Optional<String> contextOf(String root, JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith(root + ".")) {
      return Optional.empty();
    }
    String first = pkg.substring(root.length() + 1).split("\\.")[0];
    return CONTEXTS.contains(first) ? Optional.of(first) : Optional.empty();
  }

  private static ArchCondition<JavaClass> useOnlyTheContextsTheyMay(String root) {
    return new ArchCondition<>("use only the contexts their package-info names") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        String own = contextOf(root, c).orElseThrow();
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          contextOf(root, d.getTargetClass())
              .filter(target -> !target.equals(own) && !MAY_USE.get(own).contains(target))
              .ifPresent(
                  target ->
                      events.add(
                          SimpleConditionEvent.violated(
                              d, own + " may not use " + target + ": " + d.getDescription())));
        }
      }
    };
  }

  /** A JPQL range variable or join: the entity name after from/join/update, or after a comma. */
  private static final Pattern JPQL_ENTITY =
      Pattern.compile("\\b(?i:from|join|update)\\s+([A-Z]\\w*)(?:\\s+(?:(?i:as)\\s+)?\\w+)?");

  private static final Pattern MORE_RANGE_VARIABLES =
      Pattern.compile("\\G\\s*,\\s*([A-Z]\\w*)\\s+(?:(?i:as)\\s+)?\\w+");

  /** The entity names a string mentions in JPQL clauses. */
  static Set<String> entityNamesIn(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = JPQL_ENTITY.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
      Matcher more = MORE_RANGE_VARIABLES.matcher(text);
      more.region(m.end(), text.length());
      while (more.find()) {
        out.add(more.group(1));
      }
    }
    return out;
  }

  private static ArchCondition<JavaClass> nameInJpqlOnlyTheEntitiesOfTheirContext(String root) {
    return new ArchCondition<>("name in JPQL only the entities of their own context") {
      private final Map<String, String> contextOfEntity = new HashMap<>();

      @Override
      public void init(Collection<JavaClass> all) {
        for (JavaClass c : all) {
          if (c.isAnnotatedWith(Entity.class)) {
            contextOfEntity.put(c.getSimpleName(), contextOf(root, c).orElse("(none)"));
          }
        }
      }

      @Override
      public void check(JavaClass c, ConditionEvents events) {
        String own = contextOf(root, c).orElse(null);
        String name = c.getName().substring(root.length() + 1);
        Set<String> allowed = JOINS_ACROSS_CONTEXTS.getOrDefault(topLevel(name), Set.of());
        for (String constant : stringConstants(c)) {
          for (String entity : entityNamesIn(constant)) {
            String owner = contextOfEntity.get(entity);
            if (owner != null && !owner.equals(own) && !allowed.contains(entity)) {
              events.add(
                  SimpleConditionEvent.violated(
                      c,
                      c.getName()
                          + " names "
                          + owner
                          + "'s entity "
                          + entity
                          + " in \""
                          + constant
                          + "\""));
            }
          }
        }
      }
    };
  }

  /** The class a nested class is declared in, relative to the root. */
  private static String topLevel(String relativeName) {
    int dollar = relativeName.indexOf('$');
    return dollar < 0 ? relativeName : relativeName.substring(0, dollar);
  }

  /**
   * Every text constant of the class file: string literals (folded when concatenated at compile
   * time), the constant parts of a string concatenation's recipe, annotation values such as
   * {@code @NamedQuery}'s query, and names. Read from the class file's constant pool.
   */
  static List<String> stringConstants(JavaClass c) {
    var source = c.getSource().orElseThrow(() -> new IllegalStateException("no class file"));
    try (InputStream in = source.getUri().toURL().openStream();
        DataInputStream d = new DataInputStream(new BufferedInputStream(in))) {
      d.readInt(); // magic
      d.readUnsignedShort(); // minor
      d.readUnsignedShort(); // major
      int count = d.readUnsignedShort();
      List<String> out = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        int tag = d.readUnsignedByte();
        switch (tag) {
          case 1 -> out.add(d.readUTF());
          case 3, 4, 9, 10, 11, 12, 17, 18 -> d.skipNBytes(4);
          case 5, 6 -> {
            d.skipNBytes(8);
            i++; // longs and doubles take two entries
          }
          case 7, 8, 16, 19, 20 -> d.skipNBytes(2);
          case 15 -> d.skipNBytes(3);
          default -> throw new IllegalStateException("constant pool tag " + tag + " in " + c);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
