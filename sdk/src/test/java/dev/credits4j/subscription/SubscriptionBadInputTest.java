package dev.credits4j.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingFilter;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.References;
import dev.credits4j.api.SubscriptionId;
import dev.credits4j.api.SubscriptionRequest;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.WalletRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad subscriptions and bad recurring offerings: a clear error naming the problem, no change. */
class SubscriptionBadInputTest extends SubscriptionTestBase {

  private SubscriptionRequest request(WalletRef w, OfferingId o, LocalDate start, String key) {
    return new SubscriptionRequest(w, o, start, CLIENT, key);
  }

  @Test
  void subscribingToAnUnknownOrAnotherWorkspacesOfferingIsNotFound() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    WalletState before = state(acme);
    OfferingView elsewhere;
    String home = ws;
    ws = newWorkspace(b -> b);
    elsewhere = recurring("Elsewhere", 5, AllotmentPeriod.MONTHLY);
    ws = home;

    failure(
        ErrorCode.OFFERING_NOT_FOUND,
        () ->
            subscriptions.subscribe(request(acme, new OfferingId(UUID.randomUUID()), null, null)));
    failure(
        ErrorCode.OFFERING_NOT_FOUND,
        () -> subscriptions.subscribe(request(acme, elsewhere.id(), null, null)));
    assertThat(state(acme)).isEqualTo(before);
    assertThat(subscriptions.list(acme)).isEmpty();
  }

  @Test
  void aOneTimeOfferingCannotBeSubscribedToNorARecurringOneRequested() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    OfferingView oneTime =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("Logo", n(10), null, null).build());
    OfferingView recurring = recurring("SEO", 10, AllotmentPeriod.MONTHLY);
    WalletState before = state(acme);

    CreditsException e =
        failure(
            ErrorCode.OFFERING_NOT_RECURRING,
            () -> subscriptions.subscribe(request(acme, oneTime.id(), null, null)));
    assertThat(fields(e)).containsExactly("offeringId");
    CreditsException r =
        failure(
            ErrorCode.OFFERING_RECURRING,
            () ->
                credits
                    .requests()
                    .create(new NewServiceRequest(acme, recurring.id(), n(1), null, CLIENT, null)));
    assertThat(fields(r)).containsExactly("offeringId");
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void anInactiveOfferingAndADuplicateSubscriptionAreRefused() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    OfferingView seo = recurring("SEO", 10, AllotmentPeriod.MONTHLY);
    SubscriptionView s = subscribe(acme, seo);
    WalletState before = state(acme);

    CreditsException dup = failure(ErrorCode.SUBSCRIPTION_EXISTS, () -> subscribe(acme, seo));
    assertThat(dup.getMessage()).contains(s.id().toString());
    subscriptions.pause(s.id(), CLIENT);
    failure(ErrorCode.SUBSCRIPTION_EXISTS, () -> subscribe(acme, seo));

    OfferingView ads = recurring("Ads", 10, AllotmentPeriod.MONTHLY);
    credits.offerings().deactivate(ws, ads.id());
    failure(ErrorCode.OFFERING_INACTIVE, () -> subscribe(acme, ads));
    assertThat(state(acme)).isEqualTo(before);
    assertThat(subscriptions.list(acme)).hasSize(1);
  }

  @Test
  void startDatesInThePastOrFarAheadAreRefusedWithoutOverflowing() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    OfferingView seo = recurring("SEO", 10, AllotmentPeriod.MONTHLY);
    WalletState before = state(acme);

    for (LocalDate start :
        new LocalDate[] {
          LocalDate.of(2026, 1, 14),
          LocalDate.MIN,
          LocalDate.of(2027, 1, 16),
          LocalDate.MAX,
          LocalDate.of(9999, 12, 31)
        }) {
      CreditsException e =
          failure(
              ErrorCode.INVALID_REQUEST,
              () -> subscriptions.subscribe(request(acme, seo.id(), start, null)));
      assertThat(fields(e)).as("start " + start).containsExactly("startDate");
    }
    assertThat(state(acme)).isEqualTo(before);
    assertThat(subscriptions.list(acme)).isEmpty();
    // A year ahead exactly is allowed, and charges nothing yet.
    assertThat(
            subscriptions
                .subscribe(request(acme, seo.id(), LocalDate.of(2027, 1, 15), null))
                .periodsCharged())
        .isZero();
  }

  @Test
  void missingFieldsControlCharactersAndReservedKeysAreRefused() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    OfferingView seo = recurring("SEO", 10, AllotmentPeriod.MONTHLY);
    WalletState before = state(acme);

    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> subscriptions.subscribe(null))))
        .containsExactly("request");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> subscriptions.subscribe(request(acme, null, null, null)))))
        .containsExactly("offering");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        subscriptions.subscribe(
                            new SubscriptionRequest(acme, seo.id(), null, null, null)))))
        .containsExactly("actor");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        subscriptions.subscribe(
                            request(WalletRef.of(ws, "ac\u0000me"), seo.id(), null, null)))))
        .containsExactly("wallet.organization");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> subscriptions.subscribe(request(acme, seo.id(), null, "k\u0007")))))
        .containsExactly("idempotencyKey");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        subscriptions.subscribe(
                            request(acme, seo.id(), null, "subscription:x:2026-01-15")))))
        .containsExactly("idempotencyKey");
    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () -> subscriptions.subscribe(request(WalletRef.of(ws, "nobody"), seo.id(), null, null)));
    failure(
        ErrorCode.SUBSCRIPTION_NOT_FOUND,
        () -> subscriptions.get(new SubscriptionId(UUID.randomUUID())));
    failure(
        ErrorCode.SUBSCRIPTION_NOT_FOUND,
        () -> subscriptions.cancel(new SubscriptionId(UUID.randomUUID()), TEAM));
    failure(ErrorCode.INVALID_REQUEST, () -> SubscriptionId.of("not-a-uuid"));
    failure(
        ErrorCode.INVALID_REQUEST,
        () -> subscriptions.chargeDue(ws, clock.instant().plusSeconds(60)));
    assertThat(state(acme)).isEqualTo(before);
    assertThat(subscriptions.list(acme)).isEmpty();
  }

  @Test
  void callersCannotForgeASubscriptionOnAHoldAndItsReferenceIsChecked() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    WalletState before = state(acme);

    CreditsException hold =
        failure(
            ErrorCode.INVALID_REQUEST,
            () ->
                ledger.hold(
                    new HoldRequest(
                        acme,
                        n(5),
                        java.time.Duration.ofHours(1),
                        null,
                        new References(null, null, null, null, "s-1"),
                        TEAM,
                        null)));
    assertThat(fields(hold)).containsExactly("references.subscriptionId");
    CreditsException bad =
        failure(
            ErrorCode.INVALID_REQUEST,
            () ->
                ledger.consume(
                    new ConsumeRequest(
                        acme,
                        n(5),
                        null,
                        new References(null, null, null, null, "x".repeat(65)),
                        CLIENT,
                        null)));
    assertThat(fields(bad)).containsExactly("references.subscriptionId");
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void recurringOfferingsAreCheckedFieldByField() {
    OfferingRequest standard =
        OfferingRequest.standard("Audit", org.javamoney.moneta.Money.of(10, "USD"))
            .serviceType(dev.credits4j.api.ServiceType.RECURRING)
            .period(AllotmentPeriod.MONTHLY)
            .build();
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_OFFERING, () -> credits.offerings().create(ws, standard))))
        .containsExactly("serviceType");
    OfferingRequest noPeriod = OfferingRequest.recurring("SEO", n(10), null).build();
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_OFFERING, () -> credits.offerings().create(ws, noPeriod))))
        .containsExactly("period");
    OfferingRequest estimated =
        OfferingRequest.recurring("SEO", n(10), AllotmentPeriod.WEEKLY)
            .estimated(true)
            .unitSize(new BigDecimal("5"))
            .build();
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_OFFERING, () -> credits.offerings().create(ws, estimated))))
        .containsExactlyInAnyOrder("estimated", "unitSize");
    OfferingRequest periodOnOneTime =
        OfferingRequest.creditBased("Logo", n(10), null, null)
            .period(AllotmentPeriod.MONTHLY)
            .build();
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_OFFERING,
                    () -> credits.offerings().create(ws, periodOnOneTime))))
        .containsExactly("period");
    assertThat(credits.offerings().list(ws, OfferingFilter.ALL)).isEmpty();
  }
}
