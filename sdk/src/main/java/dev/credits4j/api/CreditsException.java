package dev.credits4j.api;

import java.util.List;
import java.util.Objects;

/** The root of every error the SDK raises. Unchecked; always carries an {@link ErrorCode}. */
public class CreditsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient List<FieldViolation> violations;

  public CreditsException(ErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public CreditsException(ErrorCode code, String message, Throwable cause) {
    this(code, message, List.of(), cause);
  }

  public CreditsException(ErrorCode code, String message, List<FieldViolation> violations) {
    this(code, message, violations, null);
  }

  private CreditsException(
      ErrorCode code, String message, List<FieldViolation> violations, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.violations = List.copyOf(violations);
  }

  public ErrorCode code() {
    return code;
  }

  /** The fields at fault, for {@link ErrorCategory#INVALID} errors; empty otherwise. */
  public List<FieldViolation> violations() {
    return violations;
  }
}
