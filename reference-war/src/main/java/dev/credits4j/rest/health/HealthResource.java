package dev.credits4j.rest.health;

import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
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
    // Written as text by JsonOutput, like every answer of the API: no JSON-P provider needed.
    return Response.fromResponse(
            JsonOutput.json(
                report.up() ? 200 : 503,
                new HealthResponse(
                    report.up() ? "UP" : "DOWN",
                    report.database().name(),
                    report.migrations().name())))
        .cacheControl(noStore)
        .build();
  }

  /** The answer: {@code UP} or {@code DOWN}, and each verdict. */
  public record HealthResponse(String status, String database, String migrations) {}
}
