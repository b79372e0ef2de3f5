package dev.credits4j.api;

/** Who performs an operation. */
public enum ActorType {
  /** An agency team member. */
  TEAM,
  /** A member of the client organization. */
  CLIENT,
  /** The platform itself: jobs, webhooks, integrations. */
  SYSTEM
}
