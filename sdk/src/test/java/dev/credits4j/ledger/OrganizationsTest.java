package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldPage;
import dev.credits4j.api.HoldQuery;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.OrganizationPage;
import dev.credits4j.api.OrganizationQuery;
import dev.credits4j.api.OrganizationSummary;
import dev.credits4j.api.Organizations;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Organizations}: keyset pages that visit every organization and hold exactly once, even
 * when many share the sort key (the test clock stands still, so every hold has the same creation
 * time), and bad queries refused naming the field.
 */
class OrganizationsTest extends LedgerTestBase {
  private Organizations organizations;

  @BeforeEach
  void service() {
    organizations = credits.organizations();
  }

  private List<String> walk(OrganizationQuery first) {
    List<String> seen = new ArrayList<>();
    OrganizationPage page = organizations.search(first);
    for (int i = 0; i < 50; i++) {
      page.items().forEach(o -> seen.add(o.wallet().organization()));
      if (!page.hasMore()) {
        return seen;
      }
      page = organizations.search(first.next(page.nextCursor()));
    }
    throw new AssertionError("no last page");
  }

  @Test
  void pagesVisitEveryOrganizationOnceWhenBalancesTie() {
    for (int i = 0; i < 7; i++) {
      WalletRef w = wallet("org-" + i);
      grant(w, i % 2 == 0 ? 10 : 20);
    }
    List<String> byBalance =
        walk(new OrganizationQuery(ws, null, null, OrganizationQuery.Sort.BALANCE, true, null, 2));
    assertThat(byBalance)
        .containsExactly("org-5", "org-3", "org-1", "org-6", "org-4", "org-2", "org-0");
    assertThat(
            walk(
                new OrganizationQuery(
                    ws, "ORG-", null, OrganizationQuery.Sort.AVAILABLE, false, null, 3)))
        .containsExactly("org-0", "org-2", "org-4", "org-6", "org-1", "org-3", "org-5");
    OrganizationSummary first = organizations.search(OrganizationQuery.all(ws, 1)).items().get(0);
    assertThat(first.displayName()).isEqualTo("ORG-0");
    assertThat(first.balance()).isEqualByComparingTo("10");
    assertThat(first.lowBalance()).isFalse();
  }

  @Test
  void theLowBalanceFlagFollowsTheWorkspacesThreshold() {
    String low = newWorkspace(b -> b.lowBalanceThreshold(n(15)));
    grant(walletIn(low, "poor"), 10);
    grant(walletIn(low, "rich"), 30);
    assertThat(
            organizations
                .search(new OrganizationQuery(low, null, true, null, false, null, 10))
                .items())
        .extracting(o -> o.wallet().organization())
        .containsExactly("poor");
    assertThat(
            organizations
                .search(new OrganizationQuery(low, null, false, null, false, null, 10))
                .items())
        .extracting(o -> o.wallet().organization())
        .containsExactly("rich");
    // Without a threshold nobody is low.
    grant(wallet("any"), 1);
    assertThat(
            organizations
                .search(new OrganizationQuery(ws, null, true, null, false, null, 10))
                .items())
        .isEmpty();
  }

  @Test
  void holdPagesVisitEveryHoldOnceNewestFirstByState() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(
          ledger
              .hold(
                  new HoldRequest(
                      acme, n(2), Duration.ofHours(1), null, References.NONE, TEAM, null))
              .id()
              .toString());
    }
    ledger.release(dev.credits4j.api.HoldId.of(made.get(0)), TEAM, null);
    List<String> seen = new ArrayList<>();
    HoldQuery q = new HoldQuery(acme, Set.of(), null, 2);
    HoldPage page = organizations.holds(q);
    while (true) {
      page.items().forEach(h -> seen.add(h.id().toString()));
      if (!page.hasMore()) {
        break;
      }
      page = organizations.holds(q.next(page.nextCursor()));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(made).doesNotHaveDuplicates();
    List<HoldView> released =
        organizations.holds(new HoldQuery(acme, Set.of(HoldStatus.RELEASED), null, 10)).items();
    assertThat(released).extracting(h -> h.id().toString()).containsExactly(made.get(0));
  }

  @Test
  void badQueriesNameTheFieldAndUnknownsAreNotFound() {
    wallet("acme");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> organizations.search(OrganizationQuery.all(ws, 0)))))
        .containsExactly("limit");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        organizations.search(
                            new OrganizationQuery(ws, null, null, null, false, "x.y.z", 5)))))
        .containsExactly("cursor");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        organizations.search(
                            new OrganizationQuery(
                                ws, "s".repeat(201), null, null, false, null, 5)))))
        .containsExactly("search");
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND,
        () -> organizations.search(OrganizationQuery.all("no-such-ws", 5)));
    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () -> organizations.holds(new HoldQuery(WalletRef.of(ws, "nobody"), Set.of(), null, 5)));
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        organizations.holds(
                            new HoldQuery(WalletRef.of(ws, "acme"), Set.of(), "bad", 5)))))
        .containsExactly("cursor");
  }
}
