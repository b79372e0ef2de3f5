package dev.credits4j.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.OfferingFilter;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.PricingType;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offerings: management, field-level validation, isolation between workspaces, demo data. */
class OfferingTest extends LedgerTestBase {
  private Offerings offerings;

  @BeforeEach
  void openOfferings() {
    offerings = credits.offerings();
  }

  private long stored() {
    return count("select count(*) from credits_offering where workspace_key = ?", ws);
  }

  @Test
  void createsACreditBasedOfferingWithDefaults() {
    OfferingView o =
        offerings.create(
            ws,
            OfferingRequest.creditBased("  Logo Design ", n(25), null, null)
                .description("A logo")
                .deliveryNotes("3 revision rounds")
                .concurrentRequestLimit(1)
                .build());

    assertThat(o.workspace()).isEqualTo(ws);
    assertThat(o.name()).isEqualTo("Logo Design");
    assertThat(o.pricingType()).isEqualTo(PricingType.CREDIT_BASED);
    assertThat(o.creditsPerUnit()).isEqualByComparingTo("25");
    assertThat(o.unitSize()).isEqualByComparingTo("1");
    assertThat(o.unitLabel()).isEqualTo("use");
    assertThat(o.price()).isNull();
    assertThat(o.concurrentRequestLimit()).isEqualTo(1);
    assertThat(o.totalRequestLimit()).isNull();
    assertThat(o.active()).isTrue();
    assertThat(o.estimated()).isFalse();
    assertThat(o.holdTimeout()).isNull();
    assertThat(o.reverseOnCancel()).isTrue();
    assertThat(o.deliveryNotes()).isEqualTo("3 revision rounds");
    assertThat(o.createdAt()).isEqualTo(clock.instant());
    assertThat(offerings.get(ws, o.id())).isEqualTo(o);
  }

  @Test
  void estimatedOfferingsGetTheDefaultHoldTimeoutUnlessTheyNameOne() {
    OfferingView byDefault =
        offerings.create(
            ws, OfferingRequest.creditBased("Audit", n(10), n(1), "hour").estimated(true).build());
    OfferingView named =
        offerings.create(
            ws,
            OfferingRequest.creditBased("Review", n(10), n(1), "hour")
                .estimated(true)
                .holdTimeout(Duration.ofHours(6))
                .build());

    assertThat(byDefault.holdTimeout()).isEqualTo(OfferingRequest.DEFAULT_HOLD_TIMEOUT);
    assertThat(named.holdTimeout()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void createsAStandardOfferingPricedInTheWorkspaceCurrency() {
    OfferingView o =
        offerings.create(
            ws,
            OfferingRequest.standard("Website", Money.of(new BigDecimal("1200.50"), USD)).build());

    assertThat(o.pricingType()).isEqualTo(PricingType.STANDARD);
    assertThat(o.price()).isEqualTo(Money.of(new BigDecimal("1200.5000"), USD));
    assertThat(o.creditsPerUnit()).isNull();
    assertThat(o.unitSize()).isNull();
  }

  @Test
  void updateReplacesEveryFieldAndDeactivateKeepsTheOffering() {
    OfferingView o =
        offerings.create(
            ws, OfferingRequest.creditBased("Graphics", n(8), n(1), "graphic").build());
    clock.advance(Duration.ofMinutes(5));

    OfferingView updated =
        offerings.update(
            ws,
            o.id(),
            OfferingRequest.creditBased("Social Media Graphics", n(9), n(2), "pair")
                .concurrentRequestLimit(5)
                .totalRequestLimit(50)
                .reverseOnCancel(false)
                .build());
    OfferingView off = offerings.deactivate(ws, o.id());
    OfferingView again = offerings.deactivate(ws, o.id());

    assertThat(updated.id()).isEqualTo(o.id());
    assertThat(updated.createdAt()).isEqualTo(o.createdAt());
    assertThat(updated.updatedAt()).isAfter(o.updatedAt());
    assertThat(updated.creditsPerUnit()).isEqualByComparingTo("9");
    assertThat(updated.unitSize()).isEqualByComparingTo("2");
    assertThat(updated.unitLabel()).isEqualTo("pair");
    assertThat(updated.concurrentRequestLimit()).isEqualTo(5);
    assertThat(updated.totalRequestLimit()).isEqualTo(50);
    assertThat(updated.reverseOnCancel()).isFalse();
    assertThat(off.active()).isFalse();
    assertThat(again).isEqualTo(off);
    assertThat(offerings.list(ws, OfferingFilter.ACTIVE)).isEmpty();
    assertThat(offerings.list(ws, OfferingFilter.ALL))
        .extracting(OfferingView::name)
        .containsExactly("Social Media Graphics");
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void reportsEveryBadFieldAtOnceAndStoresNothing() {
    CreditsException e =
        failure(
            ErrorCode.INVALID_OFFERING,
            () ->
                offerings.create(
                    ws,
                    OfferingRequest.creditBased(" ", n(0), n(-1000), "x".repeat(65))
                        .price(Money.of(10, USD))
                        .concurrentRequestLimit(0)
                        .totalRequestLimit(-1)
                        .holdTimeout(Duration.ofHours(1))
                        .description("d".repeat(2001))
                        .build()));

    assertThat(fields(e))
        .containsExactlyInAnyOrder(
            "name",
            "description",
            "creditsPerUnit",
            "unitSize",
            "unitLabel",
            "price",
            "holdTimeout",
            "concurrentRequestLimit",
            "totalRequestLimit");
    assertThat(stored()).isZero();
  }

  @Test
  void aStandardOfferingPricedInCreditsIsRefused() {
    CreditsException e =
        failure(
            ErrorCode.INVALID_OFFERING,
            () ->
                offerings.create(
                    ws,
                    OfferingRequest.standard("Website", Money.of(100, USD))
                        .creditsPerUnit(n(25))
                        .unitSize(n(1))
                        .estimated(true)
                        .build()));

    assertThat(fields(e)).containsExactlyInAnyOrder("creditsPerUnit", "unitSize", "estimated");
    assertThat(stored()).isZero();
  }

  @Test
  void aStandardOfferingNeedsAPriceInTheWorkspaceCurrency() {
    CreditsException missing =
        failure(
            ErrorCode.INVALID_OFFERING,
            () -> offerings.create(ws, OfferingRequest.standard("Website", null).build()));
    CreditsException euros =
        failure(
            ErrorCode.CURRENCY_MISMATCH,
            () ->
                offerings.create(
                    ws,
                    OfferingRequest.standard("Website", Money.of(100, Monetary.getCurrency("EUR")))
                        .build()));
    CreditsException negative =
        failure(
            ErrorCode.INVALID_OFFERING,
            () ->
                offerings.create(
                    ws, OfferingRequest.standard("Website", Money.of(-1, USD)).build()));

    assertThat(fields(missing)).containsExactly("price");
    assertThat(fields(euros)).containsExactly("price");
    assertThat(fields(negative)).containsExactly("price");
    assertThat(stored()).isZero();
  }

  @Test
  void creditsPerUnitMustFitTheWorkspaceScaleAndAPricingTypeIsRequired() {
    CreditsException scale =
        failure(
            ErrorCode.INVALID_OFFERING,
            () ->
                offerings.create(
                    ws, OfferingRequest.creditBased("Logo", n("2.5"), n(1), "logo").build()));
    CreditsException type =
        failure(
            ErrorCode.INVALID_OFFERING,
            () ->
                offerings.create(
                    ws,
                    OfferingRequest.creditBased("Logo", n(2), n(1), "logo")
                        .pricingType(null)
                        .build()));

    assertThat(fields(scale)).containsExactly("creditsPerUnit");
    assertThat(fields(type)).containsExactly("pricingType");
    assertThat(stored()).isZero();
  }

  @Test
  void anotherWorkspacesOfferingIsAsUnknownAsNone() {
    String other = newWorkspace(b -> b);
    OfferingView theirs =
        offerings.create(other, OfferingRequest.creditBased("Logo", n(25), n(1), "logo").build());
    OfferingId unknown = new OfferingId(UUID.randomUUID());

    failure(ErrorCode.OFFERING_NOT_FOUND, () -> offerings.get(ws, theirs.id()));
    failure(ErrorCode.OFFERING_NOT_FOUND, () -> offerings.get(ws, unknown));
    failure(
        ErrorCode.OFFERING_NOT_FOUND,
        () ->
            offerings.update(
                ws, theirs.id(), OfferingRequest.creditBased("Mine", n(1), n(1), "x").build()));
    failure(ErrorCode.OFFERING_NOT_FOUND, () -> offerings.deactivate(ws, theirs.id()));
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> offerings.list("no-such-ws", OfferingFilter.ALL));

    assertThat(offerings.get(other, theirs.id()).active()).isTrue();
    assertThat(offerings.get(other, theirs.id()).name()).isEqualTo("Logo");
  }

  @Test
  void demoOfferingsAreTheSeedsExamplesAndSeedingTwiceChangesNothing() {
    List<OfferingView> first = DemoOfferings.seed(offerings, ws);
    List<OfferingView> second = DemoOfferings.seed(offerings, ws);

    assertThat(second).isEqualTo(first);
    assertThat(stored()).isEqualTo(3);
    assertThat(first)
        .extracting(
            OfferingView::name,
            o -> o.creditsPerUnit().stripTrailingZeros().toPlainString(),
            o -> o.unitSize().stripTrailingZeros().toPlainString(),
            OfferingView::unitLabel,
            OfferingView::concurrentRequestLimit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Logo Design", "25", "1", "logo", 1),
            org.assertj.core.groups.Tuple.tuple(
                "Blog Post Writing", "15", "1000", "1000 words", null),
            org.assertj.core.groups.Tuple.tuple("Social Media Graphics", "8", "1", "graphic", 5));
  }
}
