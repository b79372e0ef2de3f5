package dev.credits4j.rest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.rest.container.ApiSchema;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default membership store ({@code credits_api_member}) on the test database: H2 here,
 * PostgreSQL and MariaDB under their executions. Ids compare exactly ({@code "k"} is not {@code "k
 * "}, even under MariaDB's PAD SPACE default), and a workspace keeps an admin.
 */
@Tag("database")
class WorkspaceMembershipsStoreTest {
  private static JdbcWorkspaceMemberships store;

  @BeforeAll
  static void migrate() {
    DataSource ds = TestDatabase.current().dataSource();
    ApiSchema.migrate(ds);
    store = JdbcWorkspaceMemberships.over(ds, Clock.systemUTC());
  }

  private static String ws() {
    return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void savesFindsListsAndRemoves() {
    String ws = ws();
    assertThat(store.find(ws, "alice")).isEmpty();
    assertThat(store.save(Membership.staff(ws, "alice", Role.ADMIN))).isTrue();
    assertThat(store.save(Membership.staff(ws, "bob", Role.TEAM))).isTrue();
    assertThat(store.save(Membership.client(ws, "carol", "acme"))).isTrue();
    assertThat(store.find(ws, "carol")).contains(Membership.client(ws, "carol", "acme"));
    assertThat(store.save(Membership.client(ws, "carol", "globex"))).as("changed").isFalse();
    assertThat(store.find(ws, "carol")).contains(Membership.client(ws, "carol", "globex"));
    assertThat(store.save(Membership.staff(ws, "carol", Role.TEAM))).isFalse();
    assertThat(store.find(ws, "carol")).contains(Membership.staff(ws, "carol", Role.TEAM));
    assertThat(store.list(ws))
        .extracting(Membership::principal)
        .containsExactly("alice", "bob", "carol");
    assertThat(store.list(ws())).isEmpty();
    assertThat(store.remove(ws, "bob")).isTrue();
    assertThat(store.remove(ws, "bob")).isFalse();
    assertThat(store.find(ws, "bob")).isEmpty();
    assertThat(store.find(ws(), "alice")).as("another workspace").isEmpty();
  }

  @Test
  void idsCompareExactly() {
    String ws = ws();
    store.save(Membership.staff(ws, "k", Role.ADMIN));
    assertThat(store.find(ws, "k ")).as("a trailing space is another principal").isEmpty();
    assertThat(store.find(ws, "K")).as("so is another case").isEmpty();
    assertThat(store.find(ws + " ", "k")).as("and another workspace").isEmpty();
    store.save(Membership.client(ws, "k ", "acme"));
    assertThat(store.find(ws, "k")).contains(Membership.staff(ws, "k", Role.ADMIN));
    assertThat(store.find(ws, "k ")).contains(Membership.client(ws, "k ", "acme"));
    assertThat(store.list(ws)).hasSize(2);
    store.save(Membership.client(ws, "c", "org"));
    store.save(Membership.client(ws, "c", "org "));
    assertThat(store.find(ws, "c").orElseThrow().organization()).isEqualTo("org ");
  }

  @Test
  void theLastAdminCanBeNeitherRemovedNorDemoted() {
    String ws = ws();
    store.save(Membership.staff(ws, "alice", Role.ADMIN));
    store.save(Membership.staff(ws, "bob", Role.TEAM));
    assertThatThrownBy(() -> store.remove(ws, "alice"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.LAST_ADMIN));
    assertThatThrownBy(() -> store.save(Membership.staff(ws, "alice", Role.TEAM)))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> store.save(Membership.client(ws, "alice", "acme")))
        .isInstanceOf(ApiException.class);
    assertThat(store.find(ws, "alice")).contains(Membership.staff(ws, "alice", Role.ADMIN));
    store.save(Membership.staff(ws, "bob", Role.ADMIN));
    assertThat(store.remove(ws, "alice")).isTrue();
    assertThat(store.find(ws, "bob").map(Membership::role)).isEqualTo(Optional.of(Role.ADMIN));
  }

  @Test
  void twoAdminsRemovingEachOtherAtOnceLeaveOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        String ws = ws();
        store.save(Membership.staff(ws, "a", Role.ADMIN));
        store.save(Membership.staff(ws, "b", Role.ADMIN));
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> removals = new ArrayList<>();
        for (String who : List.of("a", "b")) {
          removals.add(
              pool.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                      return store.remove(ws, who);
                    } catch (ApiException e) {
                      return false;
                    }
                  }));
        }
        int removed = 0;
        for (Future<Boolean> f : removals) {
          removed += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(removed).as("round " + round).isEqualTo(1);
        assertThat(store.list(ws)).extracting(Membership::role).containsExactly(Role.ADMIN);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
