package dev.credits4j.samples.cdise;

import dev.credits4j.api.Actor;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.WalletRef;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Embedding credits4j with CDI (Weld SE): the container discovers the SDK's beans, the host's
 * {@link HostResources} gives them a persistence unit, {@link AgencyBilling} injects the services
 * and {@link PurchaseDesk} observes the purchase events. Run it with {@code mvn -q -B -f
 * samples/cdi-se exec:java} after installing the project.
 */
public final class CdiSeSample {
  static final Actor ACCOUNTANT = Actor.team("acct-1", "Ada Accountant");
  static final Actor BUYER = Actor.client("cust-9", "Carl Customer");

  private CdiSeSample() {}

  public static void main(String[] args) {
    Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
    Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
    Logger.getLogger("org.jboss.weld").setLevel(Level.WARNING);
    run("agency-" + System.currentTimeMillis(), System.out);
  }

  /** What the sample ends with, for its test to check. */
  public record Outcome(
      PurchaseView purchase,
      ServiceRequestView request,
      Balance balance,
      boolean audited,
      List<String> events) {}

  /** Boots a CDI container, runs the story for a new agency, and shuts the container down. */
  public static Outcome run(String agency, PrintStream out) {
    try (WeldContainer cdi = new Weld().initialize()) {
      AgencyBilling billing = cdi.select(AgencyBilling.class).get();
      PurchaseDesk desk = cdi.select(PurchaseDesk.class).get();

      List<CreditPackageView> packages = billing.openAgency(agency);
      WalletRef client = billing.addClient(agency, "cust-co-9", "Customer Co");
      CreditPackageView professional =
          packages.stream().filter(p -> p.name().equals("Professional")).findFirst().orElseThrow();
      PurchaseView purchase = billing.sell(client, professional, BUYER, ACCOUNTANT, "BANK-0042");
      out.printf(
          "%s bought %s: %s, %s credits%n",
          client.organization(),
          purchase.packageName(),
          purchase.status(),
          purchase.totalCredits().stripTrailingZeros().toPlainString());

      ServiceRequestView request =
          billing.request(client, "Blog Post Writing", BigDecimal.valueOf(2_500), BUYER);
      out.printf(
          "requested %s: %s credits%n",
          request.offeringName(), request.credits().stripTrailingZeros().toPlainString());

      Balance balance = billing.balance(client);
      boolean audited = billing.audit(client);
      out.printf(
          "balance %s, audit %s%n",
          balance.balance().stripTrailingZeros().toPlainString(), audited ? "clean" : "FAILED");
      out.println("purchase events observed: " + desk.log());
      return new Outcome(purchase, request, balance, audited, desk.log());
    }
  }
}
