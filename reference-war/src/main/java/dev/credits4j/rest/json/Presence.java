package dev.credits4j.rest.json;

/**
 * Whether a request body, or a field of one, must be there: what {@link Fields} and {@link
 * RequestBodies} are told instead of a bare {@code true} or {@code false}.
 */
public enum Presence {
  /** Absent is a 400 naming the field ("is required"). */
  REQUIRED,
  /** Absent is null (an empty body: an empty object). */
  OPTIONAL;

  /** {@link #REQUIRED} when {@code condition} holds, else {@link #OPTIONAL}. */
  public static Presence requiredIf(boolean condition) {
    return condition ? REQUIRED : OPTIONAL;
  }
}
