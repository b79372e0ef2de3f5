package dev.credits4j.rest.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Writes the API's DTO records as JSON with the JSON-B implementation of the server, into a string,
 * so that every server (and the Idempotency-Key store, which replays the same text) gives the same
 * bytes whatever JSON providers it registers. Null fields are left out.
 */
public final class JsonOutput {
  /** {@code application/problem+json} (RFC 9457). */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final class Holder {
    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
  }

  private JsonOutput() {}

  public static String toJson(Object dto) {
    return Holder.JSONB.toJson(dto);
  }

  /** A JSON response with {@code dto} as its body. */
  public static Response json(int status, Object dto) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .entity(toJson(dto))
        .build();
  }

  public static Response ok(Object dto) {
    return json(200, dto);
  }

  public static Response created(Object dto) {
    return json(201, dto);
  }
}
