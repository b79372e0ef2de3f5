package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one subscription to a recurring offering; a time-ordered UUID (v7) made by the SDK.
 */
public record SubscriptionId(UUID value) {
  public SubscriptionId {
    Objects.requireNonNull(value, "subscription id");
  }

  /** Parses the canonical UUID text form. */
  public static SubscriptionId of(String text) {
    try {
      return new SubscriptionId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a subscription id: " + text,
          List.of(new FieldViolation("subscriptionId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
