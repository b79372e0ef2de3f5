package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ContainerTransactionsTest {

  @Test
  void resourceLocalIsTheDefaultAndJtaIsChosenByName() {
    assertThat(ContainerTransactions.parse(null)).isFalse();
    assertThat(ContainerTransactions.parse("resource-local")).isFalse();
    assertThat(ContainerTransactions.parse("JTA")).isTrue();
    assertThat(ContainerTransactions.parse("jta")).isTrue();
  }

  @Test
  void anythingElseStopsTheWarNamingTheSetting() {
    for (String bad : new String[] {"xa", "true", "resource_local", "jta "}) {
      assertThatThrownBy(() -> ContainerTransactions.parse(bad))
          .hasMessageContaining("CREDITS-0919 credits4j.transactions must be resource-local or jta")
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void jtaModeMakesAJtaUnitOverTheDataSourceWithTheSameBounds() {
    JdbcDataSource ds = new JdbcDataSource();
    Map<String, Object> p =
        ContainerPersistence.jtaProperties(
            ds, new DatabaseTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3)));
    assertThat(p)
        .containsEntry("jakarta.persistence.transactionType", "JTA")
        .containsEntry("jakarta.persistence.jtaDataSource", ds)
        .doesNotContainKey("jakarta.persistence.nonJtaDataSource")
        .containsEntry("jakarta.persistence.query.timeout", "7000")
        .containsEntry("jakarta.persistence.lock.timeout", "3000")
        .containsEntry("hibernate.transaction.jta.platform", "JBossAS")
        .containsEntry("eclipselink.target-server", "Glassfish");
  }
}
