/**
 * What a host may plug in, each with a built-in default: {@link dev.credits4j.spi.PaymentGateway},
 * {@link dev.credits4j.spi.Notifier}, {@link dev.credits4j.spi.RecipientResolver}, {@link
 * dev.credits4j.spi.DrawDownPolicy}, {@link dev.credits4j.spi.FeatureGate}, {@link
 * dev.credits4j.spi.PurchaseListener}, {@link dev.credits4j.spi.CheckpointSink}, {@link
 * dev.credits4j.spi.HostTransactions} and the {@link dev.credits4j.spi.CreditsPersistenceUnit}
 * qualifier. Found through CDI, or handed to the plain-Java builder.
 *
 * <p>Owns no tables. Uses only {@code api} (and {@code jakarta.inject}, {@code jakarta.persistence}
 * for the host transaction's entity manager); used by {@code internal}, the bounded contexts and
 * the bootstrap. Stable public surface, like {@code api}.
 */
package dev.credits4j.spi;
