package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind, on every operation: each is refused with its error code and the field at
 * fault, and changes nothing (docs/architecture.md).
 */
class BadInputTest extends LedgerTestBase {
  private static final String TOO_LONG = "d".repeat(501);
  private static final Duration HOUR = Duration.ofHours(1);

  private WalletRef acme;
  private WalletRef globex;
  private LedgerEntryView usage;
  private HoldView held;

  @BeforeEach
  void walletsWithActivity() {
    acme = wallet("acme");
    globex = wallet("globex");
    grant(acme, 100);
    usage = consume(acme, 10);
    held = ledger.hold(new HoldRequest(acme, n(5), HOUR, null, References.NONE, TEAM, null));
  }

  /** One call with one defect. */
  @FunctionalInterface
  interface Call {
    void run(BadInputTest t);
  }

  // ---- one request per operation, each valid but for what the case changes

  private void grant(BigDecimal credits) {
    ledger.grant(GrantRequest.builder(acme, credits, SYSTEM).build());
  }

  private void consume(BigDecimal credits) {
    ledger.consume(ConsumeRequest.of(acme, credits, CLIENT, null));
  }

  private void add(BigDecimal credits) {
    ledger.addManually(
        new AdjustmentRequest(acme, credits, ReasonCode.BONUS, null, null, TEAM, null));
  }

  private void deduct(BigDecimal credits) {
    ledger.deductManually(
        new AdjustmentRequest(acme, credits, ReasonCode.PENALTY, "late", null, TEAM, null));
  }

  private void transfer(BigDecimal credits) {
    ledger.transfer(new TransferRequest(acme, globex, credits, ReasonCode.OTHER, null, TEAM, null));
  }

  private void hold(BigDecimal credits) {
    ledger.hold(new HoldRequest(acme, credits, HOUR, null, References.NONE, TEAM, null));
  }

  private void capture(BigDecimal credits) {
    ledger.capture(new CaptureRequest(held.id(), credits, null, TEAM, null));
  }

  private void reverse(BigDecimal credits) {
    ledger.reverse(new ReversalRequest(acme, usage.id(), credits, null, null, TEAM, null));
  }

  private static Arguments bad(String name, ErrorCode code, String field, Call call) {
    return Arguments.of(name, code, field, call);
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();

    // Credit amounts: negative, zero, beyond the scale, over 1e12, missing.
    String[] amounts = {"-1", "0", "1.5", "1000000000001", null};
    for (String a : amounts) {
      BigDecimal v = a == null ? null : new BigDecimal(a);
      String what = "credits " + a;
      all.add(bad("grant " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.grant(v)));
      all.add(bad("consume " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.consume(v)));
      all.add(bad("addManually " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.add(v)));
      all.add(bad("deductManually " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.deduct(v)));
      all.add(bad("transfer " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.transfer(v)));
      all.add(bad("hold " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.hold(v)));
      all.add(bad("capture " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.capture(v)));
      if (v != null) { // null asks for everything left
        all.add(bad("reverse " + what, ErrorCode.INVALID_AMOUNT, "credits", t -> t.reverse(v)));
      }
      if (v == null || v.signum() != 0) { // a zero limit is valid
        all.add(
            bad(
                "setOverdraftLimit " + a,
                ErrorCode.INVALID_AMOUNT,
                "limit",
                t -> t.ledger.setOverdraftLimit(t.acme, v, TEAM)));
      }
    }

    // Missing actor.
    ErrorCode invalid = ErrorCode.INVALID_REQUEST;
    all.add(
        bad(
            "grant without actor",
            invalid,
            "actor",
            t -> t.ledger.grant(GrantRequest.builder(t.acme, n(1), null).build())));
    all.add(
        bad(
            "consume without actor",
            invalid,
            "actor",
            t -> t.ledger.consume(ConsumeRequest.of(t.acme, n(1), null, null))));
    all.add(
        bad(
            "addManually without actor",
            invalid,
            "actor",
            t ->
                t.ledger.addManually(
                    new AdjustmentRequest(
                        t.acme, n(1), ReasonCode.BONUS, null, null, null, null))));
    all.add(
        bad(
            "deductManually without actor",
            invalid,
            "actor",
            t ->
                t.ledger.deductManually(
                    new AdjustmentRequest(
                        t.acme, n(1), ReasonCode.PENALTY, "x", null, null, null))));
    all.add(
        bad(
            "transfer without actor",
            invalid,
            "actor",
            t ->
                t.ledger.transfer(
                    new TransferRequest(t.acme, t.globex, n(1), null, null, null, null))));
    all.add(
        bad(
            "reverse without actor",
            invalid,
            "actor",
            t ->
                t.ledger.reverse(
                    new ReversalRequest(t.acme, t.usage.id(), null, null, null, null, null))));
    all.add(
        bad(
            "hold without actor",
            invalid,
            "actor",
            t ->
                t.ledger.hold(
                    new HoldRequest(t.acme, n(1), HOUR, null, References.NONE, null, null))));
    all.add(
        bad(
            "capture without actor",
            invalid,
            "actor",
            t -> t.ledger.capture(new CaptureRequest(t.held.id(), n(1), null, null, null))));
    all.add(
        bad(
            "release without actor",
            invalid,
            "actor",
            t -> t.ledger.release(t.held.id(), null, null)));
    all.add(
        bad(
            "setOverdraftLimit without actor",
            invalid,
            "actor",
            t -> t.ledger.setOverdraftLimit(t.acme, n(5), null)));
    all.add(
        bad(
            "actor with a blank id",
            invalid,
            "actor.id",
            t -> t.ledger.consume(ConsumeRequest.of(t.acme, n(1), Actor.team(" ", "x"), null))));

    // Missing or malformed wallet references.
    all.add(
        bad(
            "grant without wallet",
            invalid,
            "wallet",
            t -> t.ledger.grant(GrantRequest.builder(null, n(1), SYSTEM).build())));
    all.add(
        bad(
            "consume without wallet",
            invalid,
            "wallet",
            t -> t.ledger.consume(ConsumeRequest.of(null, n(1), CLIENT, null))));
    all.add(
        bad(
            "addManually without wallet",
            invalid,
            "wallet",
            t ->
                t.ledger.addManually(
                    new AdjustmentRequest(null, n(1), ReasonCode.BONUS, null, null, TEAM, null))));
    all.add(
        bad(
            "deductManually without wallet",
            invalid,
            "wallet",
            t ->
                t.ledger.deductManually(
                    new AdjustmentRequest(null, n(1), ReasonCode.PENALTY, "x", null, TEAM, null))));
    all.add(
        bad(
            "transfer without from",
            invalid,
            "from",
            t ->
                t.ledger.transfer(
                    new TransferRequest(null, t.globex, n(1), null, null, TEAM, null))));
    all.add(
        bad(
            "transfer without to",
            invalid,
            "to",
            t ->
                t.ledger.transfer(
                    new TransferRequest(t.acme, null, n(1), null, null, TEAM, null))));
    all.add(
        bad(
            "reverse without wallet",
            invalid,
            "wallet",
            t ->
                t.ledger.reverse(
                    new ReversalRequest(null, t.usage.id(), null, null, null, TEAM, null))));
    all.add(
        bad(
            "hold without wallet",
            invalid,
            "wallet",
            t ->
                t.ledger.hold(
                    new HoldRequest(null, n(1), HOUR, null, References.NONE, TEAM, null))));
    all.add(
        bad(
            "setOverdraftLimit without wallet",
            invalid,
            "wallet",
            t -> t.ledger.setOverdraftLimit(null, n(1), TEAM)));
    all.add(
        bad(
            "wallet with a blank organization",
            invalid,
            "wallet.organization",
            t -> t.ledger.consume(ConsumeRequest.of(WalletRef.of(t.ws, " "), n(1), CLIENT, null))));
    all.add(
        bad(
            "wallet without workspace",
            invalid,
            "wallet.workspace",
            t ->
                t.ledger.consume(
                    ConsumeRequest.of(WalletRef.of(null, "acme"), n(1), CLIENT, null))));
    all.add(
        bad(
            "wallet with an over-long organization",
            invalid,
            "wallet.organization",
            t ->
                t.ledger.consume(
                    ConsumeRequest.of(WalletRef.of(t.ws, "o".repeat(129)), n(1), CLIENT, null))));

    // Missing requests and ids.
    all.add(bad("grant(null)", invalid, "request", t -> t.ledger.grant(null)));
    all.add(bad("consume(null)", invalid, "request", t -> t.ledger.consume(null)));
    all.add(bad("addManually(null)", invalid, "request", t -> t.ledger.addManually(null)));
    all.add(bad("deductManually(null)", invalid, "request", t -> t.ledger.deductManually(null)));
    all.add(bad("transfer(null)", invalid, "request", t -> t.ledger.transfer(null)));
    all.add(bad("reverse(null)", invalid, "request", t -> t.ledger.reverse(null)));
    all.add(bad("hold(null)", invalid, "request", t -> t.ledger.hold(null)));
    all.add(bad("capture(null)", invalid, "request", t -> t.ledger.capture(null)));
    all.add(
        bad(
            "capture without hold",
            invalid,
            "hold",
            t -> t.ledger.capture(new CaptureRequest(null, n(1), null, TEAM, null))));
    all.add(bad("release without hold", invalid, "hold", t -> t.ledger.release(null, TEAM, null)));
    all.add(
        bad(
            "reverse without entry",
            invalid,
            "entry",
            t ->
                t.ledger.reverse(new ReversalRequest(t.acme, null, null, null, null, TEAM, null))));
    all.add(
        bad(
            "malformed hold id",
            invalid,
            "holdId",
            t -> t.ledger.release(HoldId.of("not-a-uuid"), TEAM, null)));
    all.add(
        bad(
            "malformed entry id",
            invalid,
            "entryId",
            t -> t.ledger.getEntry(t.acme, EntryId.of("42"))));

    // Unknown wallets and workspaces.
    Call[] onUnknown = {
      t -> t.ledger.grant(GrantRequest.builder(t.nobody(), n(1), SYSTEM).build()),
      t -> t.ledger.consume(ConsumeRequest.of(t.nobody(), n(1), CLIENT, null)),
      t ->
          t.ledger.addManually(
              new AdjustmentRequest(t.nobody(), n(1), ReasonCode.BONUS, null, null, TEAM, null)),
      t ->
          t.ledger.deductManually(
              new AdjustmentRequest(t.nobody(), n(1), ReasonCode.PENALTY, "x", null, TEAM, null)),
      t -> t.ledger.transfer(new TransferRequest(t.acme, t.nobody(), n(1), null, null, TEAM, null)),
      t ->
          t.ledger.reverse(
              new ReversalRequest(t.nobody(), t.usage.id(), null, null, null, TEAM, null)),
      t ->
          t.ledger.hold(new HoldRequest(t.nobody(), n(1), HOUR, null, References.NONE, TEAM, null)),
      t -> t.ledger.setOverdraftLimit(t.nobody(), n(1), TEAM),
    };
    String[] names = {
      "grant",
      "consume",
      "addManually",
      "deductManually",
      "transfer",
      "reverse",
      "hold",
      "setOverdraftLimit"
    };
    for (int i = 0; i < onUnknown.length; i++) {
      all.add(
          bad(names[i] + " on an unknown wallet", ErrorCode.WALLET_NOT_FOUND, null, onUnknown[i]));
    }
    all.add(
        bad(
            "consume in an unknown workspace",
            ErrorCode.WORKSPACE_NOT_FOUND,
            null,
            t ->
                t.ledger.consume(
                    ConsumeRequest.of(WalletRef.of("no-such-ws", "acme"), n(1), CLIENT, null))));

    // Money: another currency, negative, too precise.
    all.add(
        bad(
            "cost basis in EUR for a USD workspace",
            ErrorCode.CURRENCY_MISMATCH,
            "costBasis",
            t ->
                t.ledger.grant(
                    GrantRequest.builder(t.acme, n(10), SYSTEM)
                        .costBasis(Money.of(new BigDecimal("0.50"), Monetary.getCurrency("EUR")))
                        .build())));
    all.add(
        bad(
            "negative cost basis",
            invalid,
            "costBasis",
            t ->
                t.ledger.grant(
                    GrantRequest.builder(t.acme, n(10), SYSTEM)
                        .costBasis(Money.of(new BigDecimal("-0.50"), USD))
                        .build())));
    all.add(
        bad(
            "cost basis beyond 10 decimal places",
            invalid,
            "costBasis",
            t ->
                t.ledger.grant(
                    GrantRequest.builder(t.acme, n(10), SYSTEM)
                        .costBasis(Money.of(new BigDecimal("0.12345678901"), USD))
                        .build())));

    // Over-long descriptions.
    all.add(
        bad(
            "grant description",
            invalid,
            "description",
            t ->
                t.ledger.grant(
                    GrantRequest.builder(t.acme, n(1), SYSTEM).description(TOO_LONG).build())));
    all.add(
        bad(
            "consume description",
            invalid,
            "description",
            t ->
                t.ledger.consume(
                    new ConsumeRequest(t.acme, n(1), TOO_LONG, References.NONE, CLIENT, null))));
    all.add(
        bad(
            "addManually description",
            invalid,
            "description",
            t ->
                t.ledger.addManually(
                    new AdjustmentRequest(
                        t.acme, n(1), ReasonCode.BONUS, TOO_LONG, null, TEAM, null))));
    all.add(
        bad(
            "deductManually description",
            invalid,
            "description",
            t ->
                t.ledger.deductManually(
                    new AdjustmentRequest(
                        t.acme, n(1), ReasonCode.PENALTY, TOO_LONG, null, TEAM, null))));
    all.add(
        bad(
            "transfer description",
            invalid,
            "description",
            t ->
                t.ledger.transfer(
                    new TransferRequest(t.acme, t.globex, n(1), null, TOO_LONG, TEAM, null))));
    all.add(
        bad(
            "reverse description",
            invalid,
            "description",
            t ->
                t.ledger.reverse(
                    new ReversalRequest(t.acme, t.usage.id(), null, null, TOO_LONG, TEAM, null))));
    all.add(
        bad(
            "hold description",
            invalid,
            "description",
            t ->
                t.ledger.hold(
                    new HoldRequest(t.acme, n(1), HOUR, TOO_LONG, References.NONE, TEAM, null))));
    all.add(
        bad(
            "capture description",
            invalid,
            "description",
            t -> t.ledger.capture(new CaptureRequest(t.held.id(), n(1), TOO_LONG, TEAM, null))));

    // Idempotency keys: blank, too long, control characters.
    for (String key : new String[] {"  ", "", "k".repeat(129), "line\nbreak"}) {
      String what = "key '" + key.replace("\n", "\\n") + "'";
      all.add(
          bad(
              "grant " + what,
              invalid,
              "idempotencyKey",
              t ->
                  t.ledger.grant(
                      GrantRequest.builder(t.acme, n(1), SYSTEM).idempotencyKey(key).build())));
      all.add(
          bad(
              "consume " + what,
              invalid,
              "idempotencyKey",
              t -> t.ledger.consume(ConsumeRequest.of(t.acme, n(1), CLIENT, key))));
    }
    String blank = " ";
    all.add(
        bad(
            "addManually blank key",
            invalid,
            "idempotencyKey",
            t ->
                t.ledger.addManually(
                    new AdjustmentRequest(
                        t.acme, n(1), ReasonCode.BONUS, null, null, TEAM, blank))));
    all.add(
        bad(
            "deductManually blank key",
            invalid,
            "idempotencyKey",
            t ->
                t.ledger.deductManually(
                    new AdjustmentRequest(
                        t.acme, n(1), ReasonCode.PENALTY, "x", null, TEAM, blank))));
    all.add(
        bad(
            "transfer blank key",
            invalid,
            "idempotencyKey",
            t ->
                t.ledger.transfer(
                    new TransferRequest(t.acme, t.globex, n(1), null, null, TEAM, blank))));
    all.add(
        bad(
            "reverse blank key",
            invalid,
            "idempotencyKey",
            t ->
                t.ledger.reverse(
                    new ReversalRequest(t.acme, t.usage.id(), null, null, null, TEAM, blank))));
    all.add(
        bad(
            "hold blank key",
            invalid,
            "idempotencyKey",
            t ->
                t.ledger.hold(
                    new HoldRequest(t.acme, n(1), HOUR, null, References.NONE, TEAM, blank))));
    all.add(
        bad(
            "capture blank key",
            invalid,
            "idempotencyKey",
            t -> t.ledger.capture(new CaptureRequest(t.held.id(), n(1), null, TEAM, blank))));
    all.add(
        bad(
            "release blank key",
            invalid,
            "idempotencyKey",
            t -> t.ledger.release(t.held.id(), TEAM, blank)));

    // Expiry in the past, or before the lot becomes effective.
    all.add(
        bad(
            "grant expiring in the past",
            invalid,
            "expiresAt",
            t ->
                t.ledger.grant(
                    GrantRequest.builder(t.acme, n(1), SYSTEM)
                        .expiresAt(t.clock.instant().minusSeconds(1))
                        .build())));
    all.add(
        bad(
            "grant expiring now",
            invalid,
            "expiresAt",
            t ->
                t.ledger.grant(
                    GrantRequest.builder(t.acme, n(1), SYSTEM)
                        .expiresAt(t.clock.instant())
                        .build())));
    all.add(
        bad(
            "grant expiring before it is effective",
            invalid,
            "expiresAt",
            t -> {
              Instant later = t.clock.instant().plus(Duration.ofDays(2));
              t.ledger.grant(
                  GrantRequest.builder(t.acme, n(1), SYSTEM)
                      .effectiveAt(later)
                      .expiresAt(later.minusSeconds(1))
                      .build());
            }));
    all.add(
        bad(
            "addManually expiring in the past",
            invalid,
            "expiresAt",
            t ->
                t.ledger.addManually(
                    new AdjustmentRequest(
                        t.acme,
                        n(1),
                        ReasonCode.BONUS,
                        null,
                        t.clock.instant().minus(Duration.ofDays(1)),
                        TEAM,
                        null))));

    // Other fields.
    all.add(
        bad(
            "grant without type",
            invalid,
            "type",
            t -> t.ledger.grant(GrantRequest.builder(t.acme, n(1), SYSTEM).type(null).build())));
    all.add(
        bad(
            "grant of type USAGE",
            invalid,
            "type",
            t ->
                t.ledger.grant(
                    GrantRequest.builder(t.acme, n(1), SYSTEM).type(EntryType.USAGE).build())));
    all.add(
        bad(
            "hold without timeout",
            invalid,
            "timeout",
            t ->
                t.ledger.hold(
                    new HoldRequest(t.acme, n(1), null, null, References.NONE, TEAM, null))));
    return all.stream();
  }

  private WalletRef nobody() {
    return WalletRef.of(ws, "nobody");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedAndNothingChanged(String name, ErrorCode code, String field, Call call) {
    WalletState acmeBefore = state(acme);
    WalletState globexBefore = state(globex);

    var e = failure(code, () -> call.run(this));

    if (field != null) {
      assertThat(fields(e)).as(name).containsExactly(field);
      assertThat(e.violations().get(0).message()).isNotBlank();
    }
    assertThat(e.getMessage()).isNotBlank();
    assertThat(state(acme)).isEqualTo(acmeBefore);
    assertThat(state(globex)).isEqualTo(globexBefore);
    assertThat(ledger.getHold(held.id()).status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(count("select count(*) from credits_wallet where workspace_key = ?", ws))
        .isEqualTo(2);
  }
}
