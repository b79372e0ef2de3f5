package dev.credits4j.rest.resource;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3 document of this API, public, as JSON. */
@ApplicationScoped
@Path("/v1/openapi")
public class OpenApiResource {
  /** Where the document lives on the class path. */
  public static final String DOCUMENT = "/dev/credits4j/rest/openapi.json";

  private volatile String document;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get() {
    return Response.ok(document(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
  }

  private String document() {
    String d = document;
    if (d == null) {
      try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
        if (in == null) {
          throw new ApiException(ApiError.INTERNAL, "the OpenAPI document is missing");
        }
        d = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      document = d;
    }
    return d;
  }
}
