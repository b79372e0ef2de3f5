package dev.credits4j.samples.portal;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * The same agency platform when credits4j runs as a server (the standalone server or the reference
 * WAR) instead of inside it: the portal keeps its own users, companies and inbox, calls the REST
 * API as a machine with an API key ({@link CreditsClient}), and hears of changes through signed
 * webhooks ({@link WebhookReceiver}) instead of a {@code Notifier} in its own process.
 *
 * <p>What the agency's admin does once, on the credits4j server: create an API key with the role
 * {@code team} ({@code POST .../api-keys}) and a webhook endpoint at {@link #webhookUrl()} for the
 * event types the portal shows ({@code POST .../webhook-endpoints}); the portal is configured with
 * the key's text and the endpoint's secret, both shown once.
 */
public final class RemotePortal implements AutoCloseable {
  private final PortalStore store;
  private final CreditsClient credits;
  private final WebhookReceiver webhooks;

  private RemotePortal(PortalStore store, CreditsClient credits, WebhookReceiver webhooks) {
    this.store = store;
    this.credits = credits;
    this.webhooks = webhooks;
  }

  /**
   * The portal over its database, calling the credits4j server at {@code api} for the agency's
   * {@code workspace}, and listening for its webhooks on {@code listen}.
   */
  public static RemotePortal open(
      DataSource dataSource,
      URI api,
      String workspace,
      String apiKey,
      String webhookSecret,
      InetSocketAddress listen)
      throws IOException {
    PortalStore store = new PortalStore(dataSource);
    return new RemotePortal(
        store,
        new CreditsClient(api, workspace, apiKey),
        new WebhookReceiver(listen, store, workspace, webhookSecret, Clock.systemUTC()));
  }

  /** Where credits4j should POST its events. */
  public URI webhookUrl() {
    return webhooks.url();
  }

  public WebhookReceiver webhooks() {
    return webhooks;
  }

  /** A member of the agency's staff, who confirms payments. */
  public void addStaff(String userId, String name, String email) {
    store.addUser(PortalStore.User.staff(userId, name, email));
  }

  /** A company signs up with its first member: the portal's rows, then its organization. */
  public void signUp(
      String companyId, String companyName, String userId, String userName, String email) {
    store.addCompany(companyId, companyName);
    store.addUser(PortalStore.User.ofCompany(userId, companyId, userName, email));
    credits.registerOrganization(companyId, companyName);
  }

  /** A member orders a package; the portal's order id makes a retried order one purchase. */
  public String orderPackage(String userId, String packageName, String orderId) {
    String company = member(userId).companyId();
    return credits.order(company, credits.packageId(packageName), orderId).get("id").getAsString();
  }

  /** Staff confirm that the bank transfer of an order arrived. */
  public void confirmPayment(String staffId, String purchaseId, String bankReference) {
    if (!user(staffId).staff()) {
      throw new IllegalArgumentException(staffId + " is not staff");
    }
    credits.confirm(purchaseId, bankReference);
  }

  /** A member requests a service; returns the request's id. */
  public String requestService(String userId, String service, long units, String requestKey) {
    String company = member(userId).companyId();
    JsonObject r = credits.request(company, credits.offeringId(service), units, requestKey);
    return r.get("id").getAsString();
  }

  /** A member cancels an open request. */
  public void cancelRequest(String userId, String requestId) {
    member(userId);
    credits.cancel(requestId, "cancelled in the portal by " + userId);
  }

  public BigDecimal available(String companyId) {
    return credits.available(companyId);
  }

  public List<PortalStore.InboxMessage> inbox(String companyId) {
    return store.inbox(companyId);
  }

  private PortalStore.User user(String userId) {
    return store.user(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
  }

  private PortalStore.User member(String userId) {
    PortalStore.User u = user(userId);
    if (u.companyId() == null) {
      throw new IllegalArgumentException(userId + " is not a member of a company");
    }
    return u;
  }

  @Override
  public void close() {
    webhooks.close();
  }
}
