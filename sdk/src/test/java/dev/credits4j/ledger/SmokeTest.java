package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import org.junit.jupiter.api.Test;

class SmokeTest extends LedgerTestBase {
  @Test
  void grantThenConsume() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    consume(acme, 30);
    assertThat(balanceOf(acme)).isEqualByComparingTo("70");
  }
}
