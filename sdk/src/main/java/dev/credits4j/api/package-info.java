/**
 * What embedders call: the service interfaces ({@link dev.credits4j.api.CreditLedger}, {@link
 * dev.credits4j.api.Purchases}, {@link dev.credits4j.api.Reports}, ...), the immutable records they
 * take and return, the identifier types, and the one exception root {@link
 * dev.credits4j.api.CreditsException} with its {@link dev.credits4j.api.ErrorCode}.
 *
 * <p>Owns no tables. Uses nothing of credits4j and no JPA, CDI, JAX-RS, servlet or JSON type; only
 * Java SE and JSR-354 money. Every other package may use it; it is, with {@code spi}, the stable
 * public surface.
 */
package dev.credits4j.api;
