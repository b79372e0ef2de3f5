package dev.credits4j.rest.http;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.rest.json.TextChecks;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks every matched request before its resource runs:
 *
 * <ul>
 *   <li>POST, PUT and PATCH must say {@code Content-Type: application/json} (415 otherwise, also
 *       when the header is missing): a browser can send a body without that header cross-site
 *       without a preflight, so a body without it is never acted upon.
 *   <li>Path parameters (workspace keys, organization ids, ids, principals) must hold no control
 *       characters and no lone surrogates: 400 {@code invalid-request} naming the parameter.
 * </ul>
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class RequestGuard implements ContainerRequestFilter {
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  /** How the API names each path parameter in faults. */
  private static final Map<String, String> NAMES =
      Map.of("ws", "workspace", "org", "organization", "id", "id", "principal", "principal");

  @Override
  public void filter(ContainerRequestContext request) {
    if (BODY_METHODS.contains(request.getMethod())) {
      MediaType type = request.getMediaType();
      if (type == null
          || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
          || type.isWildcardType()
          || type.isWildcardSubtype()) {
        throw new ApiException(
            ApiError.UNSUPPORTED_MEDIA_TYPE,
            "send the body as application/json (the Content-Type header is required)");
      }
    }
    MultivaluedMap<String, String> params =
        request.getUriInfo().getPathParameters(/* decode= */ true);
    List<FieldViolation> violations = new ArrayList<>();
    new TreeMap<>(params)
        .forEach(
            (name, values) -> {
              for (String value : values) {
                String fault = TextChecks.idFault(value);
                if (fault != null) {
                  violations.add(new FieldViolation(NAMES.getOrDefault(name, name), fault));
                  break;
                }
              }
            });
    if (!violations.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList()),
          violations);
    }
  }
}
