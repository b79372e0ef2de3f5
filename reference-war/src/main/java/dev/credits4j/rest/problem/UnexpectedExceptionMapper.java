package dev.credits4j.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers {@link Throwable} as problem+json; see {@link Problems}. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  @Override
  public Response toResponse(Throwable exception) {
    return Problems.of(exception);
  }
}
