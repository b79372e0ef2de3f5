/**
 * The API's meters: the SDK's services observed into a Micrometer registry, with the JVM's meters,
 * read by platform operators in the Prometheus text format at {@code GET /api/v1/metrics}.
 */
package dev.credits4j.rest.metrics;
