package dev.credits4j.samples.modulepath.host;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.Balance;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import java.lang.reflect.InaccessibleObjectException;
import java.math.BigDecimal;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.h2.jdbcx.JdbcDataSource;
import org.javamoney.moneta.Money;

/**
 * Bootstraps credits4j on embedded H2 with EclipseLink, all on the module path, grants and consumes
 * credits, and prints the balance; then shows from inside a named module what the SDK does not
 * export or open. samples/module-path's ModulePathTest compiles and runs it and checks each line.
 */
public final class ModulePathHost {
  private ModulePathHost() {}

  public static void main(String[] args) throws Exception {
    Module sdk = Credits4j.class.getModule();
    System.out.println(
        "sdk module: " + sdk.getName() + ", in the boot layer: " + (sdk.getLayer() == ModuleLayer.boot()));
    System.out.println("host module: " + ModulePathHost.class.getModule().getName());

    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:module-path;DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    CurrencyUnit usd = Monetary.getCurrency("USD");
    Actor billing = Actor.system("billing-job");
    try (Credits4j credits = Credits4j.builder().dataSource(dataSource).migrate(true).build()) {
      credits.workspaces().create(WorkspaceSettings.builder("acme", usd).build());
      WalletRef wallet = WalletRef.of("acme", "org-1");
      credits.workspaces().registerOrganization(wallet, "Org One");
      credits
          .ledger()
          .grant(
              GrantRequest.builder(wallet, BigDecimal.valueOf(100), billing)
                  .costBasis(Money.of(new BigDecimal("0.10"), usd))
                  .idempotencyKey("order-1")
                  .build());
      ConsumeRequest job = ConsumeRequest.of(wallet, BigDecimal.valueOf(30), billing, "job-1");
      LedgerEntryView first = credits.ledger().consume(job);
      LedgerEntryView retried = credits.ledger().consume(job);
      Balance balance = credits.ledger().balance(wallet);
      System.out.println("consumed: " + first.amount().abs().stripTrailingZeros().toPlainString());
      System.out.println("retry returned the same entry: " + (first.id().equals(retried.id())));
      System.out.println("balance: " + balance.balance().stripTrailingZeros().toPlainString());
    }

    // The boundary at run time. A package the SDK does not export: public classes, public
    // methods, and still no access from this module.
    System.out.println("internal exported: " + sdk.isExported("dev.credits4j.internal"));
    try {
      Class.forName("dev.credits4j.internal.Ids").getMethod("newId").invoke(null);
      System.out.println("internal.Ids.newId(): called");
    } catch (IllegalAccessException e) {
      System.out.println("internal.Ids.newId(): " + e.getClass().getSimpleName());
    }
    // An entity package, exported for its settings class but opened only to the JPA providers:
    // the provider reaches the entities' fields, this module does not.
    String providerName = args.length > 0 ? args[0] : "org.eclipse.persistence.core";
    Module provider = ModuleLayer.boot().findModule(providerName).orElseThrow();
    System.out.println(
        "ledger open to " + providerName + ": " + sdk.isOpen("dev.credits4j.ledger", provider));
    System.out.println(
        "ledger open to host: "
            + sdk.isOpen("dev.credits4j.ledger", ModulePathHost.class.getModule()));
    try {
      Class.forName("dev.credits4j.ledger.Wallet").getDeclaredField("id").setAccessible(true);
      System.out.println("ledger.Wallet.id: accessible");
    } catch (InaccessibleObjectException e) {
      System.out.println("ledger.Wallet.id: " + e.getClass().getSimpleName());
    }
  }
}
