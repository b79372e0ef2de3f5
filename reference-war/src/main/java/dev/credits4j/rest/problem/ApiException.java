package dev.credits4j.rest.problem;

import dev.credits4j.api.FieldViolation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An error of the HTTP layer, answered as problem+json with its {@link ApiError}'s status. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ApiError error;
  private final transient List<FieldViolation> violations;
  private final transient Map<String, String> headers;

  public ApiException(ApiError error, String detail) {
    this(error, detail, List.of(), Map.of());
  }

  public ApiException(
      ApiError error, String detail, List<FieldViolation> violations, Map<String, String> headers) {
    super(detail);
    this.error = Objects.requireNonNull(error, "error");
    this.violations = List.copyOf(violations);
    this.headers = Map.copyOf(headers);
  }

  public ApiError error() {
    return error;
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  /** Response headers the problem needs (WWW-Authenticate, Retry-After, Allow). */
  public Map<String, String> headers() {
    return headers;
  }
}
