package dev.credits4j.samples.cdise;

import dev.credits4j.api.Actor;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingFilter;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.request.DemoOfferings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import javax.money.Monetary;

/**
 * A host bean that uses the injected SDK services, as an application's own service layer would: it
 * knows the host's vocabulary (agencies, clients, orders) and calls the SDK in its terms.
 */
@ApplicationScoped
public class AgencyBilling {
  private final Workspaces workspaces;
  private final PackageCatalog catalog;
  private final Offerings offerings;
  private final Purchases purchases;
  private final ServiceRequests requests;
  private final CreditLedger ledger;

  @Inject
  AgencyBilling(
      Workspaces workspaces,
      PackageCatalog catalog,
      Offerings offerings,
      Purchases purchases,
      ServiceRequests requests,
      CreditLedger ledger) {
    this.workspaces = workspaces;
    this.catalog = catalog;
    this.offerings = offerings;
    this.purchases = purchases;
    this.requests = requests;
    this.ledger = ledger;
  }

  /** For CDI's client proxy. */
  protected AgencyBilling() {
    this(null, null, null, null, null, null);
  }

  /** Opens an agency: a workspace in US dollars with the SDK's demo packages and services. */
  public List<CreditPackageView> openAgency(String agency) {
    workspaces.create(
        WorkspaceSettings.builder(agency, Monetary.getCurrency("USD")).name(agency).build());
    DemoOfferings.seed(offerings, agency);
    return DemoCatalog.seed(catalog, agency);
  }

  /** Adds one of the host's client companies. */
  public WalletRef addClient(String agency, String clientId, String name) {
    WalletRef wallet = WalletRef.of(agency, clientId);
    workspaces.registerOrganization(wallet, name);
    return wallet;
  }

  /**
   * A client orders a package, paid by bank transfer, which the agency's accountant confirms: the
   * credits are granted on confirmation, exactly once.
   */
  public PurchaseView sell(
      WalletRef client, CreditPackageView pack, Actor buyer, Actor accountant, String bankRef) {
    PurchaseView order =
        purchases.create(PurchaseRequest.manual(client, pack.id(), buyer, "order-" + bankRef));
    return purchases.confirmManualPayment(order.id(), accountant, bankRef);
  }

  /** A client requests a service by name; its credits are debited in the same transaction. */
  public ServiceRequestView request(
      WalletRef client, String service, BigDecimal units, Actor requester) {
    OfferingView offering =
        offerings.list(client.workspace(), OfferingFilter.ACTIVE).stream()
            .filter(o -> o.name().equals(service))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no service named " + service));
    return requests.create(NewServiceRequest.of(client, offering.id(), units, requester));
  }

  public Balance balance(WalletRef client) {
    return ledger.balance(client);
  }

  public boolean audit(WalletRef client) {
    return ledger.reconcile(client).clean() && ledger.verify(client).valid();
  }
}
