package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.util.List;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, plus {@code
 * code} (the stable error code), {@code errors} (each bad field) and, for insufficient credits,
 * {@code balance}, {@code available}, {@code required}, {@code shortfall} and {@code
 * suggestedPackages}.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    List<FieldError> errors,
    BigDecimal balance,
    BigDecimal available,
    BigDecimal required,
    BigDecimal shortfall,
    List<PackageResponse> suggestedPackages) {}
