/**
 * A Spring Boot shop selling packs of credits through the credits4j Spring Boot starter. {@link
 * dev.credits4j.samples.springboot.Checkout#checkout} is one {@code @Transactional} method that
 * records the order with {@code JdbcClient}, grants the credits ({@code CreditLedger.grant},
 * idempotency key {@code order:<id>}) and charges the card ({@link
 * dev.credits4j.samples.springboot.PaymentService}); a declined card rolls back the order and the
 * grant together, because the starter joins Spring's transaction. {@link
 * dev.credits4j.samples.springboot.ShopApplication} starts the shop on embedded H2 and creates its
 * workspace on the first start.
 *
 * <p>Owns the shop's table {@code shop_order} ({@code schema.sql}); the starter migrates the SDK's.
 * Uses {@code api} only (the services are the starter's Spring beans) and Spring's JDBC and
 * transactions. Used by nothing: it is a sample.
 */
package dev.credits4j.samples.springboot;
