package dev.credits4j.api;

/**
 * Where a service request is: {@code OPEN → IN_PROGRESS → DELIVERED}, or {@code CANCELED} from OPEN
 * or IN_PROGRESS. DELIVERED and CANCELED are final.
 */
public enum RequestStatus {
  OPEN,
  IN_PROGRESS,
  DELIVERED,
  CANCELED;

  /** Whether the request still counts against its offering's concurrent request limit. */
  public boolean isOpen() {
    return this == OPEN || this == IN_PROGRESS;
  }
}
