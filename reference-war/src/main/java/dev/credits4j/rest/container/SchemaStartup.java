package dev.credits4j.rest.container;

import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;

/**
 * Brings the database to the SDK's schema and the API's tables ({@link ApiSchema}) when the WAR
 * starts, unless {@code credits4j.migrate} is {@code false}. A failure stops the deployment: the
 * WAR never serves on an unknown schema. Migrations are safe to run from several nodes at once
 * (Flyway locks its history table).
 */
@ApplicationScoped
public class SchemaStartup {
  private static final System.Logger LOG = System.getLogger(SchemaStartup.class.getName());

  @Inject ContainerPersistence persistence;

  @Inject @CreditsPersistenceUnit DataSource dataSource;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // a replica setting that finds no data source stops the deployment now, not at the first report
    persistence.replicaDataSource();
    if (!persistence.settings().migrate()) {
      LOG.log(
          Level.INFO,
          "CREDITS-0905 credits4j.migrate=false: the database schema is left to the operator");
      return;
    }
    long started = System.nanoTime();
    int applied = ApiSchema.migrate(dataSource);
    LOG.log(
        Level.INFO,
        "CREDITS-0906 credits4j schema migrated: {0} migration(s) applied in {1} ms",
        applied,
        (System.nanoTime() - started) / 1_000_000);
  }
}
