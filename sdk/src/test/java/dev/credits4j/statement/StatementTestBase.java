package dev.credits4j.statement;

import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.api.References;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.Statements;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** What the statement tests share: the service, a clock setter, usage of an offering. */
abstract class StatementTestBase extends LedgerTestBase {
  protected Statements statements;

  @BeforeEach
  void openStatements() {
    statements = credits.statements();
  }

  /** Moves the clock to an ISO instant. */
  protected void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  /** Usage of {@code credits} for the offering ({@code null}: usage of no offering). */
  protected LedgerEntryView use(WalletRef w, long credits, OfferingView offering) {
    return ledger.consume(
        new ConsumeRequest(
            w,
            n(credits),
            null,
            offering == null
                ? References.NONE
                : References.request(offering.id().toString(), "r-" + clock.instant()),
            CLIENT,
            null));
  }

  /** An allotment lot of {@code credits} that expires at {@code expiresAt}. */
  protected LedgerEntryView allot(WalletRef w, long credits, String expiresAt) {
    return ledger.grant(
        GrantRequest.builder(w, n(credits), SYSTEM)
            .type(EntryType.ALLOTMENT)
            .expiresAt(Instant.parse(expiresAt))
            .build());
  }

  /** Every statement of the wallet, newest first. */
  protected List<StatementView> all(WalletRef w) {
    return statements.list(w, null, Statements.MAX_LIMIT).items();
  }

  /** The test workspace's notifications of one type for one wallet, oldest first. */
  protected List<Notification> notifications(NotificationType type, WalletRef w) {
    List<Notification> found = new ArrayList<>();
    for (OutboxEntryView e :
        credits.outbox().list(new OutboxQuery(ws, null, null, OutboxQuery.MAX_LIMIT)).items()) {
      if (e.notification().type() == type && e.notification().wallet().equals(w)) {
        found.add(e.notification());
      }
    }
    return found;
  }
}
