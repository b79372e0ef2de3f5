package dev.credits4j.samples.cdise;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.SchemaMigrations;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What a CDI host gives the SDK: the one bean it requires, a {@link CreditsPersistenceUnit} {@link
 * EntityManagerFactory}, and optionally a {@link Clock} (its default is the system UTC clock). The
 * SDK's services ({@code CreditLedger}, {@code Purchases}, ...) are beans of its own jar,
 * discovered through its {@code beans.xml}.
 *
 * <p>The database URL comes from the system property {@code credits.db.url} (then the environment
 * variable {@code CREDITS_DB_URL}), an in-memory H2 database by default.
 */
@ApplicationScoped
public class HostResources {
  static final String URL_PROPERTY = "credits.db.url";
  static final String IN_MEMORY_URL = "jdbc:h2:mem:credits4j-cdi-se;DB_CLOSE_DELAY=-1";

  @Produces
  @ApplicationScoped
  HikariDataSource dataSource() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(setting(URL_PROPERTY, "CREDITS_DB_URL", IN_MEMORY_URL));
    config.setUsername(setting("credits.db.user", "CREDITS_DB_USER", "sa"));
    config.setPassword(setting("credits.db.password", "CREDITS_DB_PASSWORD", ""));
    config.setMaximumPoolSize(4);
    config.setPoolName("cdi-se-sample");
    return new HikariDataSource(config);
  }

  void close(@Disposes HikariDataSource dataSource) {
    dataSource.close();
  }

  /**
   * The SDK's resource-local persistence unit over the host's pool, after its migrations. A host
   * that runs the migrations with its own tooling drops the {@code migrate} call.
   */
  @Produces
  @ApplicationScoped
  @CreditsPersistenceUnit
  EntityManagerFactory credits(HikariDataSource dataSource) {
    SchemaMigrations.migrate(dataSource);
    return Persistence.createEntityManagerFactory(
        Credits4j.PERSISTENCE_UNIT,
        Map.of(
            "jakarta.persistence.nonJtaDataSource", (DataSource) dataSource,
            "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
            "eclipselink.logging.level.metadata", "SEVERE"));
  }

  void close(@Disposes @CreditsPersistenceUnit EntityManagerFactory emf) {
    emf.close();
  }

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }

  private static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
