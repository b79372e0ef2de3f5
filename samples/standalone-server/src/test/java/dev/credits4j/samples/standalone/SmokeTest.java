package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void demoWalletAnswers() {
    Api api = TestServer.api();
    Api.Reply r = api.get("acme", "workspaces/demo/organizations/acme/wallet");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    System.out.println(r);
  }
}
