package dev.credits4j.api;

/** Which of a workspace's offerings {@link Offerings#list} returns. */
public enum OfferingFilter {
  ALL,
  ACTIVE
}
