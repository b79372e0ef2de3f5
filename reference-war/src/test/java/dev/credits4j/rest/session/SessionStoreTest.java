package dev.credits4j.rest.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.container.ApiSchema;
import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.session.SessionStore.NewSession;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The portal's session store on each database (H2, and PostgreSQL and MariaDB in their executions):
 * ids random and distinct, found by the id only, idle timeout, sign-out; two stores over one
 * database (two nodes) see the same sessions.
 */
@Tag("database")
class SessionStoreTest {
  private static DataSource ds;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @BeforeAll
  static void schema() {
    ds = TestDatabase.current().dataSource();
    ApiSchema.migrate(ds);
  }

  @Test
  void aSessionIsFoundOnAnyNodeUntilItIsIdleTooLong() {
    SessionStore nodeA = new SessionStore(ds, clock, Duration.ofMinutes(30));
    SessionStore nodeB = new SessionStore(ds, clock, Duration.ofMinutes(30));
    NewSession s = nodeA.create("acme", Role.CLIENT);
    assertThat(nodeB.find(s.id())).contains(s.session());
    clock.advance(Duration.ofMinutes(29));
    assertThat(nodeB.find(s.id())).isPresent(); // used: the idle time starts again
    clock.advance(Duration.ofMinutes(29));
    assertThat(nodeA.find(s.id())).isPresent();
    clock.advance(Duration.ofMinutes(31));
    assertThat(nodeA.find(s.id())).isEmpty();
    assertThat(nodeB.find(s.id())).isEmpty();
  }

  @Test
  void signingOutOnOneNodeEndsItOnAll() {
    SessionStore nodeA = new SessionStore(ds, clock, Duration.ofMinutes(30));
    SessionStore nodeB = new SessionStore(ds, clock, Duration.ofMinutes(30));
    NewSession s = nodeA.create("team", Role.TEAM);
    assertThat(nodeB.delete(s.id())).isTrue();
    assertThat(nodeA.find(s.id())).isEmpty();
    assertThat(nodeA.delete(s.id())).isFalse();
  }

  @Test
  void idsAndTokensAreRandomAndOnlyTheIdFindsTheSession() {
    SessionStore store = new SessionStore(ds, clock, Duration.ofMinutes(30));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      NewSession s = store.create("acme", Role.CLIENT);
      assertThat(s.id()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(seen.add(s.id())).isTrue();
      assertThat(seen.add(s.session().csrfToken())).isTrue();
      assertThat(store.find(s.session().csrfToken()))
          .as("the CSRF token is no session id")
          .isEmpty();
    }
    for (String bad : new String[] {null, "", "short", "A".repeat(43), "é".repeat(43)}) {
      assertThat(store.find(bad)).as(String.valueOf(bad)).isEmpty();
    }
  }
}
