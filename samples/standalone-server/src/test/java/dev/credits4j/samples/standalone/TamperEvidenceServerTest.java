package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerCheckpoint;
import dev.credits4j.api.TamperFinding;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.Workspaces;
import dev.credits4j.spi.CheckpointSink;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server with ledger keys from the environment and {@code CREDITS_CHECKPOINT_FILE}:
 * its ledger is keyed, its checkpoint job writes a signed, owner-only checkpoint outside the
 * database, and an entry deleted afterwards is caught against that checkpoint. Own H2 database.
 */
class TamperEvidenceServerTest {
  @TempDir Path dir;

  @Test
  void keyedLedgerAndCheckpointsOutsideTheDatabase() throws Exception {
    Path checkpointFile = dir.resolve("outside").resolve("ledger.checkpoint");
    LedgerKeySettings keys =
        LedgerKeySettings.from(
            Map.of("CREDITS_CHECKPOINT_FILE", checkpointFile.toString()),
            dir.resolve("data").resolve("ledger-keys"));
    String url = "jdbc:h2:mem:tamper-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (StandaloneServer server =
        StandaloneServer.start(
            new ServerConfig("localhost", 0, url, "sa", "", TestServer.USERS, true, null)
                .withJobs(Duration.ofHours(1)),
            keys)) {
      CreditLedger ledger = server.container().select(CreditLedger.class).get();
      Workspaces workspaces = server.container().select(Workspaces.class).get();
      WalletRef acme = WalletRef.of("demo", "tamper-acme");
      workspaces.registerOrganization(acme, "Tamper Acme");
      for (int i = 0; i < 3; i++) {
        ledger.grant(GrantRequest.builder(acme, BigDecimal.TEN, Actor.system("test")).build());
      }
      assertThat(ledger.verify(acme).keyed()).isTrue();
      assertThat(ledger.verify(acme).valid()).isTrue();

      // The first scheduled run may be under way: runNow is false only while one runs.
      while (!server.scheduler().orElseThrow().runNow(StandaloneServer.LEDGER_CHECKPOINT)) {
        Thread.onSpinWait();
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(checkpointFile)))
          .isEqualTo("rw-------");
      LedgerCheckpoint cp = CheckpointSink.readFile(checkpointFile);
      assertThat(cp.heads())
          .anySatisfy(
              h -> {
                assertThat(h.wallet()).isEqualTo(acme);
                assertThat(h.sequence()).isEqualTo(3);
              });
      assertThat(ledger.verify(cp)).allSatisfy(r -> assertThat(r.findings()).isEmpty());

      // Entry 3 deleted directly in the database: the checkpoint (kept outside it) vouches for it.
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          Statement s = c.createStatement()) {
        String w = "(select id from credits_wallet where organization_id = 'tamper-acme')";
        s.executeUpdate(
            "delete from credits_allocation where entry_id in (select id from credits_entry"
                + " where seq = 3 and wallet_id = "
                + w
                + ")");
        s.executeUpdate("delete from credits_entry where seq = 3 and wallet_id = " + w);
      }
      List<VerificationReport> reports = ledger.verify(cp);
      assertThat(reports)
          .filteredOn(r -> r.wallet().equals(acme))
          .singleElement()
          .satisfies(r -> assertThat(r.has(TamperFinding.Kind.CHAIN_TRUNCATED)).isTrue());
    }
  }
}
