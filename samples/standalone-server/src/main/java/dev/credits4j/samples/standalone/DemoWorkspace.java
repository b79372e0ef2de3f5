package dev.credits4j.samples.standalone;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.request.DemoOfferings;
import java.math.BigDecimal;
import javax.money.Monetary;

/**
 * The demo workspace {@code demo}, created once: US dollars, the help text's packages and services,
 * and the client organization {@code acme} with 100 welcome credits.
 */
final class DemoWorkspace {
  static final String WORKSPACE = "demo";
  static final String ORGANIZATION = "acme";
  static final BigDecimal WELCOME_CREDITS = BigDecimal.valueOf(100);

  private DemoWorkspace() {}

  /** Creates the workspace unless it exists; returns whether it did. */
  static boolean seed(
      Workspaces workspaces, PackageCatalog catalog, Offerings offerings, CreditLedger ledger) {
    if (workspaces.find(WORKSPACE).isPresent()) {
      return false;
    }
    try {
      workspaces.create(
          WorkspaceSettings.builder(WORKSPACE, Monetary.getCurrency("USD"))
              .name("Demo agency")
              .build());
    } catch (CreditsException e) {
      if (e.code() == ErrorCode.WORKSPACE_EXISTS) {
        return false; // another node, starting at the same time, seeds it
      }
      throw e;
    }
    DemoCatalog.seed(catalog, WORKSPACE);
    DemoOfferings.seed(offerings, WORKSPACE);
    WalletRef acme = WalletRef.of(WORKSPACE, ORGANIZATION);
    workspaces.registerOrganization(acme, "Acme Inc.");
    ledger.addManually(
        new AdjustmentRequest(
            acme,
            WELCOME_CREDITS,
            ReasonCode.PROMOTIONAL,
            "Welcome credits",
            null,
            Actor.system("demo-seed"),
            "demo-seed-welcome"));
    return true;
  }
}
