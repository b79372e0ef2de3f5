package dev.credits4j.samples.portal;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.DispatchReport;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingFilter;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.request.DemoOfferings;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.money.Monetary;
import javax.sql.DataSource;

/**
 * A small agency platform that integrates credits4j. It has its own users and companies ({@link
 * PortalStore}); credits4j keeps the credits. The integration points an embedder needs:
 *
 * <ul>
 *   <li><b>one workspace per agency</b>, with the low-balance threshold and warning days its
 *       clients are told about;
 *   <li><b>one organization per client company</b>, registered when the company signs up, under the
 *       portal's own company id;
 *   <li><b>actors</b>: every call names the portal user who acted ({@link #actor});
 *   <li><b>selling packages</b>: a purchase the agency's staff confirms when the bank transfer
 *       arrives;
 *   <li><b>spending</b>: service requests debit credits at once;
 *   <li><b>notifications</b>: the SDK writes them to its outbox with each change; the portal
 *       delivers them through its own {@link InboxNotifier} and, if configured, e-mail to the
 *       company's members (a {@code RecipientResolver} over the portal's users);
 *   <li><b>jobs</b>: the expiry sweep, expiring-soon warnings and the dispatcher, run on the
 *       portal's schedule ({@link #runJobs}).
 * </ul>
 */
public final class AgencyPortal implements AutoCloseable {
  /**
   * Notifications the company sees in its inbox only, never by e-mail: the life of the requests it
   * makes in the portal itself (the resolver of recipients decides per type).
   */
  static final Set<NotificationType> IN_APP_ONLY =
      EnumSet.of(
          NotificationType.REQUEST_CREATED,
          NotificationType.REQUEST_DELIVERED,
          NotificationType.REQUEST_CANCELED,
          NotificationType.HOLD_EXPIRED);

  /** Available credits below which a company is told its balance is low. */
  public static final BigDecimal LOW_BALANCE = BigDecimal.valueOf(50);

  private final Credits4j credits;
  private final PortalStore store;
  private final String agency;
  private final Clock clock;

  private AgencyPortal(Credits4j credits, PortalStore store, String agency, Clock clock) {
    this.credits = credits;
    this.store = store;
    this.agency = agency;
    this.clock = clock;
  }

  /**
   * Opens the portal of one agency over the database: the SDK's schema is migrated, the agency's
   * workspace created with the SDK's demo packages and services if it does not exist yet.
   *
   * @param smtp the mail server for e-mail notifications; null for the in-app inbox only
   */
  public static AgencyPortal open(
      DataSource dataSource, Clock clock, String agency, SmtpSettings smtp) {
    PortalStore store = new PortalStore(dataSource);
    Credits4j.Builder builder =
        Credits4j.builder()
            .dataSource(dataSource)
            .migrate(true)
            .clock(clock)
            .notifier(new InboxNotifier(store, agency))
            .property("eclipselink.logging.level.metadata", "SEVERE");
    if (smtp != null) {
      builder.mail(
          smtp,
          (organization, type) ->
              organization.workspace().equals(agency) && !IN_APP_ONLY.contains(type)
                  ? store.emailsOf(organization.organization())
                  : List.of());
    }
    Credits4j credits = builder.build();
    if (credits.workspaces().find(agency).isEmpty()) {
      credits
          .workspaces()
          .create(
              WorkspaceSettings.builder(agency, Monetary.getCurrency("USD"))
                  .name(agency)
                  .lowBalanceThreshold(LOW_BALANCE)
                  .warningDays(List.of(30, 7))
                  .build());
      DemoCatalog.seed(credits.catalog(), agency);
      DemoOfferings.seed(credits.offerings(), agency);
    }
    return new AgencyPortal(credits, store, agency, clock);
  }

  /** Adds a member of the agency's staff, who may confirm payments. */
  public void addStaff(String userId, String name, String email) {
    store.addUser(PortalStore.User.staff(userId, name, email));
  }

  /** A client company signs up with its first member: the portal's rows, then its wallet. */
  public WalletRef signUp(
      String companyId, String companyName, String userId, String userName, String email) {
    store.addCompany(companyId, companyName);
    store.addUser(PortalStore.User.ofCompany(userId, companyId, userName, email));
    WalletRef wallet = WalletRef.of(agency, companyId);
    credits.workspaces().registerOrganization(wallet, companyName);
    return wallet;
  }

  /** A member orders a package; the portal uses the user's id as the purchase's key. */
  public PurchaseView orderPackage(String userId, String packageName, String orderId) {
    PortalStore.User user = user(userId);
    CreditPackageView pack =
        credits.catalog().clientCatalog(agency, clock.instant()).stream()
            .filter(p -> p.name().equals(packageName))
            .findFirst()
            .orElseThrow(() -> new NoSuchElementException("no package named " + packageName));
    return credits
        .purchases()
        .create(PurchaseRequest.manual(wallet(user), pack.id(), actor(user), orderId));
  }

  /** Staff confirm the bank transfer: the credits are granted, once. */
  public PurchaseView confirmPayment(String staffId, PurchaseView order, String bankReference) {
    return credits
        .purchases()
        .confirmManualPayment(order.id(), actor(user(staffId)), bankReference);
  }

  /** A member requests a service; its credits are debited in the same transaction. */
  public ServiceRequestView requestService(String userId, String service, long units) {
    PortalStore.User user = user(userId);
    OfferingView offering =
        credits.offerings().list(agency, OfferingFilter.ACTIVE).stream()
            .filter(o -> o.name().equals(service))
            .findFirst()
            .orElseThrow(() -> new NoSuchElementException("no service named " + service));
    return credits
        .requests()
        .create(
            NewServiceRequest.of(
                wallet(user), offering.id(), BigDecimal.valueOf(units), actor(user)));
  }

  public Balance balance(String companyId) {
    return credits.ledger().balance(WalletRef.of(agency, companyId));
  }

  public List<PortalStore.InboxMessage> inbox(String companyId) {
    return store.inbox(companyId);
  }

  /** What one round of the portal's periodic jobs did. */
  public record JobsRun(ExpiryReport expiry, int warnings, DispatchReport dispatch) {}

  /**
   * The periodic jobs, as the portal's scheduler would run them every few minutes (or hand them to
   * {@code CreditsScheduler}): expire what is due, write the expiring-soon warnings, then deliver
   * every notification waiting in the outbox.
   */
  public JobsRun runJobs() {
    ExpiryReport expiry = credits.expiry().expireNow();
    int warnings = credits.expiryWarnings().sendDueNow();
    DispatchReport dispatch = credits.notifications().dispatchPending();
    return new JobsRun(expiry, warnings, dispatch);
  }

  @Override
  public void close() {
    credits.close();
  }

  private PortalStore.User user(String userId) {
    return store.user(userId).orElseThrow(() -> new NoSuchElementException("no user " + userId));
  }

  private WalletRef wallet(PortalStore.User user) {
    if (user.companyId() == null) {
      throw new IllegalArgumentException(user.id() + " is staff, not a client");
    }
    return WalletRef.of(agency, user.companyId());
  }

  /** The SDK records the portal's user on every entry: staff as TEAM, members as CLIENT. */
  static Actor actor(PortalStore.User user) {
    return user.staff() ? Actor.team(user.id(), user.name()) : Actor.client(user.id(), user.name());
  }
}
