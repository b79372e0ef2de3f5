package dev.credits4j.samples.standalone;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.RestTestBase;

/**
 * The WAR's REST test base ({@link RestTestBase}, from the WAR's test jar) on the standalone
 * server's {@link TestServer}, for the tests that need what only the sample has: the portal's
 * static files, its scheduled jobs.
 */
abstract class StandaloneRestTestBase extends RestTestBase {
  @Override
  protected Api serverApi() {
    return TestServer.api();
  }

  @Override
  protected CreditLedger ledger() {
    return TestServer.server().container().select(CreditLedger.class).get();
  }
}
