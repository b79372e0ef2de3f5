package dev.credits4j.api;

/** How an offering is paid for. */
public enum PricingType {
  /** Credits per unit, debited from the organization's wallet when a request is created. */
  CREDIT_BASED,
  /** A money price; requests touch no credits and are invoiced by the host, elsewhere. */
  STANDARD
}
