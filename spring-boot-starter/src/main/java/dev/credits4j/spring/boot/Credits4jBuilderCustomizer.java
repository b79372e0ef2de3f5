package dev.credits4j.spring.boot;

import dev.credits4j.Credits4j;

/** A bean of this type adjusts the {@link Credits4j.Builder} before the starter builds it. */
@FunctionalInterface
public interface Credits4jBuilderCustomizer {
  void customize(Credits4j.Builder builder);
}
