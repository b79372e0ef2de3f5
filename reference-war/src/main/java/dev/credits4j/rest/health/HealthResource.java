package dev.credits4j.rest.health;

import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import javax.sql.DataSource;

/**
 * {@code GET /api/v1/health}: {@code {"status", "database", "migrations"}}, 200 when the database
 * answers and its schema is at the SDK's latest migration, 503 otherwise. Needs no login, so load
 * balancers and orchestrators can call it; it tells nothing about any workspace.
 */
@Path("v1/health")
@ApplicationScoped
public class HealthResource {
  @Inject @CreditsPersistenceUnit Instance<DataSource> dataSource;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    HealthReport report =
        dataSource.isResolvable()
            ? HealthReport.check(dataSource.get())
            : HealthReport.unconfigured();
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(report.up() ? 200 : 503)
        .cacheControl(noStore)
        .entity(
            Json.createObjectBuilder()
                .add("status", report.up() ? "UP" : "DOWN")
                .add("database", report.database().name())
                .add("migrations", report.migrations().name())
                .build())
        .build();
  }
}
