package dev.credits4j.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Balance;
import dev.credits4j.api.CostPreview;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.RequestStatus;
import dev.credits4j.api.ServiceRequestId;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service requests: cost, limits, debit, lifecycle, reversal, holds, preview, bad input. */
class ServiceRequestTest extends LedgerTestBase {
  private Offerings offerings;
  private ServiceRequests requests;
  private OfferingView logo;
  private OfferingView blog;
  private OfferingView graphics;

  @BeforeEach
  void seedOfferings() {
    offerings = credits.offerings();
    requests = credits.requests();
    List<OfferingView> demo = DemoOfferings.seed(offerings, ws);
    logo = demo.get(0);
    blog = demo.get(1);
    graphics = demo.get(2);
  }

  private ServiceRequestView request(WalletRef w, OfferingView o, long units) {
    return requests.create(NewServiceRequest.of(w, o.id(), n(units), CLIENT));
  }

  private long storedRequests(WalletRef w) {
    return count("select count(*) from credits_service_request where wallet_id = ?", walletId(w));
  }

  private OfferingView offering(OfferingRequest.Builder b) {
    return offerings.create(ws, b.build());
  }

  // ---- the seed's examples

  @Test
  void aBlogPostOf2500WordsCosts45Credits() {
    WalletRef w = wallet("acme");
    grant(w, 100);

    ServiceRequestView r = request(w, blog, 2500);

    assertThat(r.credits()).isEqualByComparingTo("45");
    assertThat(r.status()).isEqualTo(RequestStatus.OPEN);
    assertThat(r.units()).isEqualByComparingTo("2500");
    assertThat(r.offeringName()).isEqualTo("Blog Post Writing");
    assertThat(r.invoicedElsewhere()).isFalse();
    assertThat(r.createdBy()).isEqualTo(CLIENT);
    assertThat(balanceOf(w)).isEqualByComparingTo("55");
    LedgerEntryView usage = ledger.getEntry(w, r.usageEntry());
    assertThat(usage.type()).isEqualTo(EntryType.USAGE);
    assertThat(usage.amount()).isEqualByComparingTo("-45");
    assertThat(usage.references().offeringId()).isEqualTo(blog.id().toString());
    assertThat(usage.references().requestId()).isEqualTo(r.id().toString());
    assertThat(requests.get(w, r.id())).isEqualTo(r);
  }

  @Test
  void partialUnitsRoundUp() {
    WalletRef w = wallet("acme");
    grant(w, 100);

    assertThat(request(w, blog, 1000).credits()).isEqualByComparingTo("15");
    assertThat(request(w, blog, 1001).credits()).isEqualByComparingTo("30");
    assertThat(requests.create(NewServiceRequest.of(w, blog.id(), n("0.5"), CLIENT)).credits())
        .isEqualByComparingTo("15");
    assertThat(balanceOf(w)).isEqualByComparingTo("40");
  }

  @Test
  void fractionalCreditsFollowTheWorkspaceScale() {
    ws = newWorkspace(b -> b.creditScale(2));
    OfferingView words =
        offerings.create(
            ws, OfferingRequest.creditBased("Copy", n("2.25"), n(100), "100 words").build());
    WalletRef w = wallet("acme");
    grant(w, 10);

    ServiceRequestView r = request(w, words, 301);

    assertThat(r.credits()).isEqualByComparingTo("9.00");
    assertThat(balanceOf(w)).isEqualByComparingTo("1.00");
  }

  @Test
  void theSecondConcurrentLogoRequestIsRefused() {
    WalletRef w = wallet("acme");
    grant(w, 100);
    ServiceRequestView first = request(w, logo, 1);
    WalletState before = state(w);

    CreditsException e = failure(ErrorCode.REQUEST_LIMIT_REACHED, () -> request(w, logo, 1));

    assertThat(e.code().category()).isEqualTo(dev.credits4j.api.ErrorCategory.CONFLICT);
    assertThat(state(w)).isEqualTo(before);
    assertThat(storedRequests(w)).isEqualTo(1);
    assertThat(balanceOf(w)).isEqualByComparingTo("75");

    requests.deliver(w, first.id(), null, TEAM);
    assertThat(request(w, logo, 1).status()).isEqualTo(RequestStatus.OPEN);
    assertThat(balanceOf(w)).isEqualByComparingTo("50");
  }

  @Test
  void socialMediaGraphicsAllowFiveAtATimePerOrganization() {
    WalletRef w = wallet("acme");
    WalletRef other = wallet("globex");
    grant(w, 100);
    grant(other, 100);
    for (int i = 0; i < 5; i++) {
      request(w, graphics, 1);
    }

    failure(ErrorCode.REQUEST_LIMIT_REACHED, () -> request(w, graphics, 1));
    ServiceRequestView elsewhere = request(other, graphics, 1);

    assertThat(elsewhere.status()).isEqualTo(RequestStatus.OPEN);
    assertThat(balanceOf(w)).isEqualByComparingTo("60");
    assertThat(requests.list(w, RequestStatus.OPEN)).hasSize(5);
  }

  @Test
  void aCancelledRequestFreesItsPlaceAndTheTotalLimitCountsTheRest() {
    OfferingView audit =
        offering(
            OfferingRequest.creditBased("Audit", n(5), n(1), "audit")
                .concurrentRequestLimit(1)
                .totalRequestLimit(2));
    WalletRef w = wallet("acme");
    grant(w, 100);

    ServiceRequestView first = request(w, audit, 1);
    requests.cancel(w, first.id(), null, CLIENT);
    ServiceRequestView second = request(w, audit, 1);
    requests.deliver(w, second.id(), null, TEAM);
    ServiceRequestView third = request(w, audit, 1);
    requests.deliver(w, third.id(), null, TEAM);
    WalletState before = state(w);

    failure(ErrorCode.TOTAL_REQUEST_LIMIT_REACHED, () -> request(w, audit, 1));

    assertThat(state(w)).isEqualTo(before);
    assertThat(storedRequests(w)).isEqualTo(3);
  }

  // ---- insufficient credits

  @Test
  void insufficientCreditsSuggestPackagesSmallestFirstAndChangeNothing() {
    DemoCatalog.seed(credits.catalog(), ws);
    WalletRef w = wallet("acme");
    grant(w, 10);
    WalletState before = state(w);

    InsufficientCreditsException small = insufficient(() -> request(w, blog, 2500));
    InsufficientCreditsException large = insufficient(() -> request(w, blog, 11000));

    assertThat(small.balance()).isEqualByComparingTo("10");
    assertThat(small.required()).isEqualByComparingTo("45");
    assertThat(small.shortfall()).isEqualByComparingTo("35");
    assertThat(small.suggestedPackages())
        .extracting(CreditPackageView::name)
        .containsExactly("Starter", "Professional", "Enterprise");
    assertThat(large.shortfall()).isEqualByComparingTo("155");
    assertThat(large.suggestedPackages())
        .extracting(CreditPackageView::name)
        .containsExactly("Professional", "Enterprise");
    assertThat(state(w)).isEqualTo(before);
    assertThat(storedRequests(w)).isZero();
  }

  @Test
  void withoutACatalogTheErrorSuggestsNothing() {
    WalletRef w = wallet("acme");

    InsufficientCreditsException e = insufficient(() -> request(w, logo, 1));

    assertThat(e.shortfall()).isEqualByComparingTo("25");
    assertThat(e.suggestedPackages()).isEmpty();
    assertThat(storedRequests(w)).isZero();
  }

  // ---- preview

  @Test
  void previewShowsCostBalanceAndWhetherItIsAffordable() {
    DemoCatalog.seed(credits.catalog(), ws);
    WalletRef w = wallet("acme");
    grant(w, 50);
    WalletState before = state(w);

    CostPreview ok = requests.preview(w, blog.id(), n(2500));
    CostPreview short4 = requests.preview(w, logo.id(), n(3));

    assertThat(ok.credits()).isEqualByComparingTo("45");
    assertThat(ok.balance()).isEqualByComparingTo("50");
    assertThat(ok.available()).isEqualByComparingTo("50");
    assertThat(ok.affordable()).isTrue();
    assertThat(ok.shortfall()).isEqualByComparingTo("0");
    assertThat(ok.suggestedPackages()).isEmpty();
    assertThat(short4.credits()).isEqualByComparingTo("75");
    assertThat(short4.affordable()).isFalse();
    assertThat(short4.shortfall()).isEqualByComparingTo("25");
    assertThat(short4.suggestedPackages())
        .extracting(CreditPackageView::name)
        .containsExactly("Starter", "Professional", "Enterprise");
    assertThat(state(w)).isEqualTo(before);
    assertThat(storedRequests(w)).isZero();
  }

  // ---- lifecycle

  @Test
  void lifecycleRunsOpenInProgressDeliveredAndRefusesEverythingElse() {
    WalletRef w = wallet("acme");
    grant(w, 100);
    ServiceRequestView r = request(w, graphics, 2);

    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> requests.start(w, r.id(), CLIENT));
    ServiceRequestView started = requests.start(w, r.id(), TEAM);
    failure(ErrorCode.INVALID_REQUEST_TRANSITION, () -> requests.start(w, r.id(), TEAM));
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> requests.deliver(w, r.id(), null, CLIENT));
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> requests.cancel(w, r.id(), null, CLIENT));
    clock.advance(Duration.ofDays(5));
    ServiceRequestView delivered = requests.deliver(w, r.id(), null, TEAM);

    assertThat(started.status()).isEqualTo(RequestStatus.IN_PROGRESS);
    assertThat(started.startedAt()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
    assertThat(delivered.status()).isEqualTo(RequestStatus.DELIVERED);
    assertThat(delivered.deliveredAt()).isEqualTo(Instant.parse("2026-01-20T10:00:00Z"));
    assertThat(delivered.credits()).isEqualByComparingTo("16");
    failure(ErrorCode.INVALID_REQUEST_TRANSITION, () -> requests.deliver(w, r.id(), null, TEAM));
    failure(ErrorCode.INVALID_REQUEST_TRANSITION, () -> requests.cancel(w, r.id(), null, TEAM));
    failure(ErrorCode.INVALID_REQUEST_TRANSITION, () -> requests.start(w, r.id(), TEAM));
    ServiceRequestView fixedPrice = request(w, graphics, 1);
    CreditsException actual =
        failure(ErrorCode.INVALID_REQUEST, () -> requests.deliver(w, fixedPrice.id(), n(3), TEAM));
    assertThat(fields(actual)).containsExactly("actualUnits");
    assertThat(requests.get(w, fixedPrice.id()).status()).isEqualTo(RequestStatus.OPEN);
    assertThat(balanceOf(w)).isEqualByComparingTo("76");
    assertThat(requests.get(w, r.id()).status()).isEqualTo(RequestStatus.DELIVERED);
  }

  @Test
  void cancellingAnOpenRequestReturnsTheCreditsToTheirOriginalLots() {
    WalletRef w = wallet("acme");
    Instant soon = clock.instant().plus(Duration.ofDays(30));
    LotId expiring = lotOf(grantPaid(w, 10, "1.00", soon));
    LotId lasting = lotOf(grant(w, 30));
    ServiceRequestView r = request(w, logo, 1);
    LedgerEntryView usage = ledger.getEntry(w, r.usageEntry());
    assertThat(allocations(usage)).containsExactly(alloc(expiring, "-10"), alloc(lasting, "-15"));

    ServiceRequestView canceled = requests.cancel(w, r.id(), "changed our mind", CLIENT);

    assertThat(canceled.status()).isEqualTo(RequestStatus.CANCELED);
    assertThat(canceled.canceledAt()).isEqualTo(clock.instant());
    LedgerEntryView reversal = ledger.getEntry(w, canceled.reversalEntry());
    assertThat(reversal.type()).isEqualTo(EntryType.REVERSAL);
    assertThat(reversal.reason()).isEqualTo(ReasonCode.CANCELLATION);
    assertThat(reversal.reversedEntry()).isEqualTo(usage.id());
    assertThat(reversal.references().requestId()).isEqualTo(r.id().toString());
    assertThat(allocations(reversal))
        .containsExactlyInAnyOrder(alloc(expiring, "10"), alloc(lasting, "15"));
    assertThat(lotRow(expiring).remaining()).isEqualByComparingTo("10");
    assertThat(lotRow(expiring).expiresAt()).isEqualTo(soon);
    assertThat(lotRow(lasting).remaining()).isEqualByComparingTo("30");
    assertThat(balanceOf(w)).isEqualByComparingTo("40");
  }

  @Test
  void anOfferingMayKeepTheCreditsOfACancelledRequest() {
    OfferingView rush =
        offering(
            OfferingRequest.creditBased("Rush job", n(20), n(1), "job").reverseOnCancel(false));
    WalletRef w = wallet("acme");
    grant(w, 50);
    ServiceRequestView r = request(w, rush, 1);
    long entries = entries(w);

    ServiceRequestView canceled = requests.cancel(w, r.id(), null, CLIENT);

    assertThat(canceled.status()).isEqualTo(RequestStatus.CANCELED);
    assertThat(canceled.reversalEntry()).isNull();
    assertThat(entries(w)).isEqualTo(entries);
    assertThat(balanceOf(w)).isEqualByComparingTo("30");
  }

  @Test
  void cancellingARequestTheTeamAlreadyReversedGivesNothingBackTwice() {
    WalletRef w = wallet("acme");
    grant(w, 50);
    ServiceRequestView r = request(w, logo, 1);
    ledger.reverse(
        new dev.credits4j.api.ReversalRequest(
            w, r.usageEntry(), null, ReasonCode.CANCELLATION, "refunded by hand", TEAM, null));
    long entries = entries(w);

    ServiceRequestView canceled = requests.cancel(w, r.id(), null, CLIENT);

    assertThat(canceled.status()).isEqualTo(RequestStatus.CANCELED);
    assertThat(canceled.reversalEntry()).isNull();
    assertThat(entries(w)).isEqualTo(entries);
    assertThat(balanceOf(w)).isEqualByComparingTo("50");
  }

  @Test
  void theTeamCancellingAStartedRequestKeepsItsDebit() {
    WalletRef w = wallet("acme");
    grant(w, 50);
    ServiceRequestView r = request(w, logo, 1);
    requests.start(w, r.id(), TEAM);

    ServiceRequestView canceled = requests.cancel(w, r.id(), "client went silent", TEAM);

    assertThat(canceled.status()).isEqualTo(RequestStatus.CANCELED);
    assertThat(canceled.reversalEntry()).isNull();
    assertThat(balanceOf(w)).isEqualByComparingTo("25");
  }

  // ---- estimated offerings

  private OfferingView estimated(Duration timeout) {
    return offering(
        OfferingRequest.creditBased("Consulting", n(10), n(1), "hour")
            .estimated(true)
            .holdTimeout(timeout));
  }

  @Test
  void anEstimatedRequestHoldsItsCostAndCapturesTheRealOneOnDelivery() {
    OfferingView consulting = estimated(null);
    WalletRef w = wallet("acme");
    grant(w, 100);

    ServiceRequestView r = request(w, consulting, 5);
    Balance held = ledger.balance(w);
    ServiceRequestView delivered = requests.deliver(w, r.id(), n(7), TEAM);

    assertThat(r.estimated()).isTrue();
    assertThat(r.usageEntry()).isNull();
    assertThat(r.credits()).isEqualByComparingTo("50");
    assertThat(held.balance()).isEqualByComparingTo("100");
    assertThat(held.available()).isEqualByComparingTo("50");
    assertThat(ledger.getHold(r.hold()).expiresAt())
        .isEqualTo(clock.instant().plus(OfferingRequest.DEFAULT_HOLD_TIMEOUT));
    assertThat(ledger.getHold(r.hold()).references().requestId()).isEqualTo(r.id().toString());
    assertThat(delivered.credits()).isEqualByComparingTo("70");
    assertThat(ledger.getHold(r.hold()).status()).isEqualTo(HoldStatus.CAPTURED);
    LedgerEntryView usage = ledger.getEntry(w, delivered.usageEntry());
    assertThat(usage.amount()).isEqualByComparingTo("-70");
    assertThat(usage.hold()).isEqualTo(r.hold());
    assertThat(usage.references().offeringId()).isEqualTo(consulting.id().toString());
    Balance after = ledger.balance(w);
    assertThat(after.balance()).isEqualByComparingTo("30");
    assertThat(after.held()).isEqualByComparingTo("0");
  }

  @Test
  void capturingMoreThanHeldNeedsAvailableCredits() {
    OfferingView consulting = estimated(null);
    WalletRef w = wallet("acme");
    grant(w, 100);
    ServiceRequestView r = request(w, consulting, 5);
    WalletState before = state(w);

    InsufficientCreditsException e = insufficient(() -> requests.deliver(w, r.id(), n(20), TEAM));

    assertThat(e.required()).isEqualByComparingTo("150");
    assertThat(state(w)).isEqualTo(before);
    assertThat(requests.get(w, r.id()).status()).isEqualTo(RequestStatus.OPEN);
    assertThat(ledger.getHold(r.hold()).status()).isEqualTo(HoldStatus.ACTIVE);
  }

  @Test
  void cancellingAnEstimatedRequestReleasesItsHold() {
    OfferingView consulting = estimated(null);
    WalletRef w = wallet("acme");
    grant(w, 100);
    ServiceRequestView r = request(w, consulting, 5);
    long entries = entries(w);

    requests.cancel(w, r.id(), null, CLIENT);

    assertThat(ledger.getHold(r.hold()).status()).isEqualTo(HoldStatus.RELEASED);
    assertThat(ledger.balance(w).available()).isEqualByComparingTo("100");
    assertThat(entries(w)).isEqualTo(entries);
  }

  @Test
  void aTimedOutHoldReleasesItselfAndDeliveryDebitsTheRealCost() {
    OfferingView consulting = estimated(Duration.ofHours(1));
    WalletRef w = wallet("acme");
    grant(w, 100);
    ServiceRequestView r = request(w, consulting, 5);
    clock.advance(Duration.ofHours(2));

    assertThat(ledger.releaseExpiredHolds()).isEqualTo(1);
    ServiceRequestView delivered = requests.deliver(w, r.id(), null, TEAM);

    assertThat(ledger.getHold(r.hold()).status()).isEqualTo(HoldStatus.EXPIRED);
    assertThat(ledger.getEntry(w, delivered.usageEntry()).amount()).isEqualByComparingTo("-50");
    assertThat(balanceOf(w)).isEqualByComparingTo("50");
    assertThat(ledger.balance(w).held()).isEqualByComparingTo("0");
  }

  // ---- standard offerings

  @Test
  void aStandardOfferingsRequestTouchesNoCredits() {
    OfferingView website =
        offering(OfferingRequest.standard("Website", Money.of(new BigDecimal("1500.00"), USD)));
    WalletRef w = wallet("acme");
    grant(w, 10);
    WalletState before = state(w);

    ServiceRequestView r = request(w, website, 1);
    ServiceRequestView canceled = requests.cancel(w, r.id(), null, CLIENT);

    assertThat(r.invoicedElsewhere()).isTrue();
    assertThat(r.price()).isEqualTo(Money.of(new BigDecimal("1500.0000"), USD));
    assertThat(r.credits()).isEqualByComparingTo("0");
    assertThat(r.usageEntry()).isNull();
    assertThat(r.hold()).isNull();
    assertThat(canceled.reversalEntry()).isNull();
    assertThat(state(w)).isEqualTo(before);
    assertThat(requests.preview(w, website.id(), n(1)).price()).isEqualTo(r.price());
  }

  @Test
  void aRequestIsFoundByIdWithinItsWorkspaceOnly() {
    WalletRef w = wallet("acme");
    grant(w, 100);
    ServiceRequestView r = request(w, blog, 1000);
    String other = newWorkspace(b -> b);

    ServiceRequestView found = requests.get(ws, r.id());

    assertThat(found).isEqualTo(requests.get(w, r.id()));
    assertThat(found.wallet()).isEqualTo(w);
    failure(ErrorCode.REQUEST_NOT_FOUND, () -> requests.get(other, r.id()));
    failure(
        ErrorCode.REQUEST_NOT_FOUND,
        () -> requests.get(ws, new ServiceRequestId(UUID.randomUUID())));
  }

  // ---- idempotency

  @Test
  void theSameIdempotencyKeyReturnsTheSameRequestWithOneDebit() {
    WalletRef w = wallet("acme");
    grant(w, 100);
    NewServiceRequest create =
        new NewServiceRequest(w, blog.id(), n(2500), "SEO post", CLIENT, "req-1");

    ServiceRequestView first = requests.create(create);
    ServiceRequestView replay = requests.create(create);
    CreditsException e =
        failure(
            ErrorCode.IDEMPOTENCY_CONFLICT,
            () ->
                requests.create(
                    new NewServiceRequest(w, blog.id(), n(3000), "SEO post", CLIENT, "req-1")));

    assertThat(replay).isEqualTo(first);
    assertThat(e.getMessage()).contains("req-1");
    assertThat(storedRequests(w)).isEqualTo(1);
    assertThat(balanceOf(w)).isEqualByComparingTo("55");
  }

  // ---- bad input

  @Test
  void badInputGetsAClearErrorAndChangesNothing() {
    WalletRef w = wallet("acme");
    grant(w, 100);
    OfferingView closed =
        offering(OfferingRequest.creditBased("Old service", n(5), n(1), "use").active(false));
    String other = newWorkspace(b -> b);
    OfferingView theirs =
        offerings.create(other, OfferingRequest.creditBased("Theirs", n(1), n(1), "use").build());
    WalletState before = state(w);

    for (String units : List.of("0", "-1", "0.00001")) {
      CreditsException e =
          failure(
              ErrorCode.INVALID_REQUEST,
              () -> requests.create(NewServiceRequest.of(w, logo.id(), n(units), CLIENT)));
      assertThat(fields(e)).containsExactly("units");
    }
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> requests.create(NewServiceRequest.of(w, logo.id(), null, CLIENT)))))
        .containsExactly("units");
    failure(ErrorCode.OFFERING_INACTIVE, () -> request(w, closed, 1));
    failure(ErrorCode.OFFERING_NOT_FOUND, () -> request(w, theirs, 1));
    failure(
        ErrorCode.OFFERING_NOT_FOUND,
        () ->
            requests.create(
                NewServiceRequest.of(w, new OfferingId(UUID.randomUUID()), n(1), CLIENT)));
    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () ->
            requests.create(
                NewServiceRequest.of(WalletRef.of(ws, "nobody"), logo.id(), n(1), CLIENT)));
    failure(
        ErrorCode.REQUEST_NOT_FOUND,
        () -> requests.cancel(w, new ServiceRequestId(UUID.randomUUID()), null, CLIENT));
    failure(ErrorCode.INVALID_REQUEST, () -> ServiceRequestId.of("not-a-uuid"));
    failure(ErrorCode.OFFERING_INACTIVE, () -> requests.preview(w, closed.id(), n(1)));

    assertThat(state(w)).isEqualTo(before);
    assertThat(storedRequests(w)).isZero();
  }

  @Test
  void anotherOrganizationsRequestIsAsUnknownAsNone() {
    WalletRef w = wallet("acme");
    WalletRef other = wallet("globex");
    grant(w, 100);
    ServiceRequestView r = request(w, logo, 1);

    failure(ErrorCode.REQUEST_NOT_FOUND, () -> requests.get(other, r.id()));
    failure(ErrorCode.REQUEST_NOT_FOUND, () -> requests.cancel(other, r.id(), null, CLIENT));
    failure(ErrorCode.REQUEST_NOT_FOUND, () -> requests.deliver(other, r.id(), null, TEAM));

    assertThat(requests.get(w, r.id()).status()).isEqualTo(RequestStatus.OPEN);
    assertThat(requests.list(other, null)).isEmpty();
    assertThat(balanceOf(w)).isEqualByComparingTo("75");
  }
}
