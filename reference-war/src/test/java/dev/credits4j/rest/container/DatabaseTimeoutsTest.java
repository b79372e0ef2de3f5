package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.credits4j.Credits4j;
import dev.credits4j.rest.problem.Problems;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The WAR's own bounds on waiting for the database: read from the settings, handed to the SDK's
 * persistence unit, and a statement that waits past its bound is answered 503 (on H2 with
 * EclipseLink, the provider Payara ships).
 */
class DatabaseTimeoutsTest {

  private static DatabaseTimeouts timeouts(Map<String, String> properties) {
    return DatabaseTimeouts.from(properties::get, name -> null);
  }

  @Test
  void defaultsAreThirtySecondsPerStatementAndTenPerLockWait() {
    DatabaseTimeouts t = timeouts(Map.of());
    assertThat(t.statement()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.lock()).isEqualTo(Duration.ofSeconds(10));
    DatabaseTimeouts env =
        DatabaseTimeouts.from(
            name -> null,
            Map.of("CREDITS4J_DB_STATEMENT_TIMEOUT", "5", "CREDITS4J_DB_LOCK_TIMEOUT", "2")::get);
    assertThat(env).isEqualTo(new DatabaseTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)));
  }

  @Test
  void aBadValueNamesTheSetting() {
    for (String bad : new String[] {"0", "3601", "ten", "-1", "1.5"}) {
      assertThatThrownBy(() -> timeouts(Map.of("credits4j.db.lock-timeout", bad)))
          .hasMessageContaining("CREDITS-0916 credits4j.db.lock-timeout")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void thePersistenceUnitGetsTheBounds() {
    JdbcDataSource ds = new JdbcDataSource();
    Map<String, Object> p =
        ContainerPersistence.properties(
            ds, new DatabaseTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3)));
    assertThat(p)
        .containsEntry("jakarta.persistence.nonJtaDataSource", ds)
        .containsEntry("jakarta.persistence.query.timeout", "7000")
        .containsEntry("jakarta.persistence.lock.timeout", "3000")
        .doesNotContainKey("eclipselink.session.customizer");
  }

  @Test
  void aStatementRunningPastItsBoundIs503() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:timeouts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    EntityManagerFactory emf =
        Persistence.createEntityManagerFactory(
            Credits4j.PERSISTENCE_UNIT,
            ContainerPersistence.properties(
                ds, new DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));
    try {
      EntityManager em = emf.createEntityManager();
      long start = System.nanoTime();
      Throwable failure;
      try {
        em.getTransaction().begin();
        // Minutes of work: only the unit's statement bound ends it early.
        failure =
            catchThrowable(
                () ->
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000000000) a"
                                + " WHERE MOD(a.X * 7, 13) = 5")
                        .getSingleResult());
      } finally {
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
        em.close();
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - start);

      assertThat(failure).isNotNull();
      assertThat(waited).isLessThan(Duration.ofSeconds(15));
      Response r = Problems.of(failure);
      assertThat(r.getStatus()).as(failure.toString()).isEqualTo(503);
      assertThat(r.getHeaderString("Retry-After")).isNotBlank();
    } finally {
      emf.close();
    }
  }
}
