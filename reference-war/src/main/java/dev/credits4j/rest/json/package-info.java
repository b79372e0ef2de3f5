/**
 * Reading and writing the API's JSON the same way on every server, whatever JSON providers it
 * registers. {@link dev.credits4j.rest.json.RequestBodies} reads a body (64 KiB at most, unless an
 * operation allows more) as one JSON object with a streaming parser (duplicate keys, deep nesting,
 * long numbers and lone surrogates refused); {@link dev.credits4j.rest.json.Fields} validates it
 * field by field and fails once, naming every bad field; {@link dev.credits4j.rest.json.JsonOutput}
 * writes the DTOs as text with JSON-B, so the Idempotency-Key store replays the same bytes. Beside
 * them: {@link dev.credits4j.rest.json.Presence} (required or optional), {@link
 * dev.credits4j.rest.json.Instants} (the accepted range of instants), {@link
 * dev.credits4j.rest.json.TextChecks} (control characters and lone surrogates) and {@link
 * dev.credits4j.rest.json.Jsonp} (the JSON-P provider, looked up once).
 *
 * <p>Owns no tables. Uses {@code api} (field violations, {@code INVALID_REQUEST}) and the WAR's
 * {@code problem} ({@code ApiException}, for a malformed or too large body). Used by {@code
 * resource}, {@code session}, {@code health}, {@code http}, {@code idempotency}, {@code problem}
 * and {@code security.web}.
 */
package dev.credits4j.rest.json;
