package dev.credits4j.purchase.stripe;

import jakarta.enterprise.inject.Instance;
import java.util.function.Supplier;

/**
 * CDI lookups for {@link StripeWebhooks}'s CDI constructor, kept out of that class so that no
 * method or field of it names a CDI type: hosts without CDI (the Spring Boot starter) introspect
 * its methods, which must then not need {@code jakarta.enterprise} on the classpath.
 */
final class CdiLookups {
  private CdiLookups() {}

  /** The bean when it is resolved; {@code message} in an IllegalStateException otherwise. */
  static <T> Supplier<T> required(Instance<T> beans, String message) {
    return () -> {
      if (!beans.isResolvable()) {
        throw new IllegalStateException(message);
      }
      return beans.get();
    };
  }

  /** The bean, or null when there is none (or more than one). */
  static <T> Supplier<T> optional(Instance<T> beans) {
    return () -> beans.isResolvable() ? beans.get() : null;
  }
}
