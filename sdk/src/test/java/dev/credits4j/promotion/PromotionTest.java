package dev.credits4j.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AnnouncementReport;
import dev.credits4j.api.AnnouncementRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.Promotions;
import dev.credits4j.api.WebhookEventType;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Announcing a package: every client organization once, however often and concurrently. */
class PromotionTest extends LedgerTestBase {
  private Promotions promotions;

  @BeforeEach
  void open() {
    promotions = credits.promotions();
  }

  private CreditPackageView pkg(String name, UnaryOperator<PackageRequest.Builder> more) {
    return credits
        .catalog()
        .create(
            ws,
            more.apply(
                    PackageRequest.builder(name, n(500), Money.of(449, "USD")).bonusCredits(n(50)))
                .build());
  }

  private AnnouncementReport announce(CreditPackageView p, String message) {
    return promotions.announce(new AnnouncementRequest(ws, p.id(), message, TEAM));
  }

  /** The workspace's PROMOTION_ANNOUNCED notifications, by organization. */
  private Map<String, List<Notification>> announced() {
    List<Notification> all = new ArrayList<>();
    OutboxQuery q = new OutboxQuery(ws, null, null, OutboxQuery.MAX_LIMIT);
    while (true) {
      var page = credits.outbox().list(q);
      for (OutboxEntryView e : page.items()) {
        if (e.notification().type() == NotificationType.PROMOTION_ANNOUNCED) {
          all.add(e.notification());
        }
      }
      if (page.nextCursor() == null) {
        break;
      }
      q = q.next(page.nextCursor());
    }
    return all.stream().collect(Collectors.groupingBy(n -> n.wallet().organization()));
  }

  @Test
  void everyOrganizationIsNotifiedOnceAndOnlyNewcomersByALaterAnnouncement() {
    wallet("acme");
    wallet("globex");
    Instant ends = Instant.parse("2026-02-01T00:00:00Z");
    CreditPackageView spring =
        pkg("Spring sale", b -> b.promotionWindow(Instant.parse("2026-01-10T00:00:00Z"), ends));

    AnnouncementReport first = announce(spring, "Only this month!");

    assertThat(first.organizations()).isEqualTo(2);
    assertThat(first.notified()).isEqualTo(2);
    assertThat(first.alreadyNotified()).isZero();
    Map<String, List<Notification>> sent = announced();
    assertThat(sent.keySet()).containsExactlyInAnyOrder("acme", "globex");
    Notification n = sent.get("acme").get(0);
    assertThat(n.credits()).isEqualByComparingTo("550");
    assertThat(n.money()).isEqualTo(Money.of(449, "USD"));
    assertThat(n.data())
        .containsEntry("packageId", spring.id().toString())
        .containsEntry("packageName", "Spring sale")
        .containsEntry("bonusCredits", "50")
        .containsEntry("promotionEndsAt", ends.toString())
        .containsEntry("message", "Only this month!")
        .containsEntry("offer", "Offer from 2026-01-10T00:00:00Z until 2026-02-01T00:00:00Z. ");
    assertThat(WebhookEventType.of(NotificationType.PROMOTION_ANNOUNCED))
        .hasValue(WebhookEventType.PROMOTION_ANNOUNCED);
    assertThat(WebhookEventType.PROMOTION_ANNOUNCED.wireName()).isEqualTo("promotion.announced");

    AnnouncementReport again = announce(spring, "Only this month!");
    assertThat(again.notified()).isZero();
    assertThat(again.alreadyNotified()).isEqualTo(2);

    wallet("initech");
    AnnouncementReport third = announce(spring, null);
    assertThat(third.notified()).isEqualTo(1);
    assertThat(third.alreadyNotified()).isEqualTo(2);
    Map<String, List<Notification>> after = announced();
    assertThat(after.values()).allSatisfy(list -> assertThat(list).hasSize(1));
    assertThat(after.keySet()).containsExactlyInAnyOrder("acme", "globex", "initech");
    assertThat(after.get("initech").get(0).data()).containsEntry("message", "");

    // Another package is its own announcement.
    CreditPackageView other = pkg("Winter", b -> b);
    assertThat(announce(other, null).notified()).isEqualTo(3);
    // Nobody in another workspace heard of either.
    String home = ws;
    ws = newWorkspace(b -> b);
    walletIn(ws, "acme");
    assertThat(announced()).isEmpty();
    ws = home;
  }

  @Test
  void concurrentAnnouncementsOverSeveralBatchesNotifyEachOrganizationOnce() throws Exception {
    int organizations = DefaultPromotions.BATCH + 57;
    for (int i = 0; i < organizations; i++) {
      untrackedWallet("org-" + i);
    }
    CreditPackageView p = pkg("Anniversary", b -> b);
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<AnnouncementReport>> runs = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return announce(p, null);
                }));
      }
      int notified = 0;
      for (Future<AnnouncementReport> run : runs) {
        AnnouncementReport r = run.get(180, TimeUnit.SECONDS);
        assertThat(r.organizations()).isEqualTo(organizations);
        assertThat(r.notified() + r.alreadyNotified()).isEqualTo(organizations);
        notified += r.notified();
      }
      assertThat(notified)
          .as("each organization notified by exactly one run")
          .isEqualTo(organizations);
    } finally {
      pool.shutdownNow();
    }
    Map<String, List<Notification>> sent = announced();
    assertThat(sent).hasSize(organizations);
    assertThat(sent.values()).allSatisfy(list -> assertThat(list).hasSize(1));
    assertThat(
            count(
                "select count(*) from credits_announcement where package_id = ?",
                p.id().toString()))
        .isEqualTo(organizations);
  }

  @Test
  void badAnnouncementsAreRefusedAndNotifyNobody() {
    wallet("acme");
    CreditPackageView ok = pkg("Ok", b -> b);
    CreditPackageView inactive = pkg("Off", b -> b.active(false));
    CreditPackageView hidden = pkg("Hidden", b -> b.shownInCatalog(false));
    CreditPackageView ended =
        pkg(
            "Ended",
            b ->
                b.promotionWindow(
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-15T10:00:00Z")));
    String home = ws;
    ws = newWorkspace(b -> b);
    CreditPackageView elsewhere = pkg("Elsewhere", b -> b);
    ws = home;

    failure(ErrorCode.PACKAGE_INACTIVE, () -> announce(inactive, null));
    failure(ErrorCode.PACKAGE_NOT_ON_SALE, () -> announce(hidden, null));
    failure(ErrorCode.PACKAGE_NOT_ON_SALE, () -> announce(ended, null));
    failure(ErrorCode.PACKAGE_NOT_FOUND, () -> announce(elsewhere, null));
    failure(
        ErrorCode.PACKAGE_NOT_FOUND,
        () ->
            promotions.announce(
                new AnnouncementRequest(ws, new PackageId(UUID.randomUUID()), null, TEAM)));
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND,
        () -> promotions.announce(new AnnouncementRequest("nowhere", ok.id(), null, TEAM)));
    failure(
        ErrorCode.ACTOR_NOT_ALLOWED,
        () -> promotions.announce(new AnnouncementRequest(ws, ok.id(), null, CLIENT)));
    for (String bad : new String[] {"two\nlines", "tab\there", "esc\u001b[31m", "x".repeat(201)}) {
      CreditsException e = failure(ErrorCode.INVALID_REQUEST, () -> announce(ok, bad));
      assertThat(fields(e)).containsExactly("message");
    }
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> promotions.announce(null))))
        .containsExactly("request");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> promotions.announce(new AnnouncementRequest(ws, null, null, TEAM)))))
        .containsExactly("packageId");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        promotions.announce(
                            new AnnouncementRequest("ws\u0000x", ok.id(), null, TEAM)))))
        .containsExactly("workspace");
    String disabled = newWorkspace(b -> b.creditsEnabled(false));
    ws = disabled;
    CreditPackageView off = pkg("Off module", b -> b);
    ws = home;
    failure(
        ErrorCode.MODULE_DISABLED,
        () -> promotions.announce(new AnnouncementRequest(disabled, off.id(), null, TEAM)));
    assertThat(announced()).isEmpty();
    assertThat(count("select count(*) from credits_announcement where workspace_key = ?", ws))
        .isZero();
  }

  @Test
  void theLongestNameAndMessageInAnyScriptFitTheNotification() {
    wallet("acme");
    CreditPackageView p = pkg("促".repeat(200), b -> b);
    String message = "销售".repeat(100);

    assertThat(announce(p, message).notified()).isEqualTo(1);

    Notification n = announced().get("acme").get(0);
    assertThat(n.data()).containsEntry("message", message).containsEntry("packageName", p.name());
  }
}
