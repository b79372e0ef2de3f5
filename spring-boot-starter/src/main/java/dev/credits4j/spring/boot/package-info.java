/**
 * Spring Boot auto-configuration of credits4j: {@code Credits4jAutoConfiguration} builds the SDK
 * over the application's {@code EntityManagerFactory} (or its own), {@code SpringHostTransactions}
 * joins Spring's transactions, {@code Credits4jHealthIndicator} reports health, {@code
 * Credits4jProperties} binds {@code credits4j.*}.
 *
 * <p>Owns no tables. Uses the SDK's {@code api}, {@code spi}, bootstrap ({@code Credits4j}, {@code
 * CreditsScheduler}, {@code SchemaMigrations}) and the mail and Stripe settings records; used by
 * Spring Boot through the auto-configuration imports.
 */
package dev.credits4j.spring.boot;
