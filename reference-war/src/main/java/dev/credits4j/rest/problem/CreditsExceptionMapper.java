package dev.credits4j.rest.problem;

import dev.credits4j.api.CreditsException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers {@link CreditsException} as problem+json; see {@link Problems}. */
@Provider
public class CreditsExceptionMapper implements ExceptionMapper<CreditsException> {
  @Override
  public Response toResponse(CreditsException exception) {
    return Problems.of(exception);
  }
}
