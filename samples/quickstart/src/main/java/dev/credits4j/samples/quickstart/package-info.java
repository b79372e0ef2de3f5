/**
 * The quickstart: {@link dev.credits4j.samples.quickstart.Quickstart} tells the story of the
 * credits help text with the SDK's plain-Java builder on an embedded H2 database. An agency
 * workspace seeds the SDK's demo catalog and offerings and sells packages to two client
 * organizations (manual payments a team member confirms), which spend the credits on service
 * requests and holds; the team adjusts and transfers credits, and every wallet reconciles and
 * verifies. {@code Formats} and {@code Table} print each step in the terminal.
 *
 * <p>Owns no tables: the SDK's are the only ones. Uses the SDK's bootstrap ({@code Credits4j}),
 * {@code api} and the demo catalog and offerings ({@code DemoCatalog}, {@code DemoOfferings}). Used
 * by nothing: it is a sample, run with {@code exec:java}.
 */
package dev.credits4j.samples.quickstart;
