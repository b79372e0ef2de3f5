/**
 * The API's JSON shapes: immutable records, one per answer ({@code ...Response}) or part of one
 * (mostly {@code ...Dto}), written by {@link dev.credits4j.rest.json.JsonOutput} with JSON-B, null
 * fields left out. {@link dev.credits4j.rest.dto.Dtos}, {@link dev.credits4j.rest.dto.ReportDtos}
 * and {@link dev.credits4j.rest.dto.ReconciliationDtos} map the SDK's view records to them: credits
 * as plain numbers without storage-scale zeros, money as {@link dev.credits4j.rest.dto.MoneyDto} (a
 * decimal string and a currency). {@link dev.credits4j.rest.dto.Problem} is the RFC 9457 problem
 * body (with {@link dev.credits4j.rest.dto.FieldError}s), {@link
 * dev.credits4j.rest.dto.PageResponse} one page of a list with its cursor.
 *
 * <p>Owns no tables and holds no logic beyond the mapping. Uses {@code api}, {@code report} (an
 * entry's CSV counterparty) and the WAR's {@code security} ({@code ApiKey} and {@code Membership},
 * for {@link dev.credits4j.rest.dto.ApiKeyResponse} and {@link
 * dev.credits4j.rest.dto.MemberResponse}). Used by {@code resource} and {@code problem}.
 */
package dev.credits4j.rest.dto;
