package dev.credits4j.rest.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.purchase.stripe.StripeStandIn;
import java.net.URI;

/**
 * A {@link WarServer} of a test class's own with Stripe as its payment gateway, over an in-memory
 * H2 database of its own ({@link WarServer#h2()}), calling a local stand-in for Stripe's API: what
 * the classes that start one in {@code @BeforeAll} share. {@link #close} closes the server, then
 * its database, then the stand-in; a start that fails closes what it opened, the stand-in too.
 */
final class StripeWarServer implements AutoCloseable {
  /** Where Stripe's Checkout sends a buyer back after paying. */
  static final String SUCCESS_URL = "https://shop/ok";

  /** The Stripe account the WAR is configured with: what differs between the test classes. */
  record Account(String apiKey, String webhookSecret, String cancelUrl) {}

  private final WarServer server;
  private final HikariDataSource database;
  private final AutoCloseable standIn;
  private final Api api;

  private StripeWarServer(WarServer server, HikariDataSource database, AutoCloseable standIn) {
    this.server = server;
    this.database = database;
    this.standIn = standIn;
    this.api = new Api(server.baseUri());
  }

  /** Starts the WAR with {@code account}, its Stripe API being {@code stripe}. */
  static StripeWarServer start(Account account, StripeStandIn stripe) {
    return start(account, stripe.base(), stripe);
  }

  /**
   * Starts the WAR with {@code account}, its Stripe API being the stand-in at {@code apiBase} that
   * {@code standIn} closes.
   */
  static StripeWarServer start(Account account, String apiBase, AutoCloseable standIn) {
    HikariDataSource database = null;
    WarServer server = null;
    try {
      database = WarServer.h2();
      server =
          WarServer.start(
              database,
              TestServer.USERS,
              StripeSettings.of(
                      account.apiKey(), account.webhookSecret(), SUCCESS_URL, account.cancelUrl())
                  .withApiBase(apiBase));
      return new StripeWarServer(server, database, standIn);
    } catch (RuntimeException e) {
      try {
        WarServer.closeAll(server, database, standIn);
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The API of the server, as a client calls it. */
  Api api() {
    return api;
  }

  /** The API's base, {@code http://localhost:<port>/api/v1/}. */
  URI baseUri() {
    return server.baseUri();
  }

  @Override
  public void close() throws Exception {
    WarServer.closeAll(server, database, standIn);
  }
}
