package dev.credits4j.api;

/** Where an allotment is in its life. */
public enum AllotmentStatus {
  /** Granting each period as it starts. */
  ACTIVE,
  /** Granting nothing; the periods that start while paused are skipped for good. */
  PAUSED,
  /** Stopped for good by a team member; nothing more is granted. */
  CANCELLED,
  /** Every period before the end date has been granted. */
  ENDED
}
