package dev.credits4j.rest.dto;

import java.math.BigDecimal;

/** A registered organization and its wallet's figures. */
public record OrganizationResponse(
    String workspace,
    String organization,
    BigDecimal balance,
    BigDecimal held,
    BigDecimal available) {}
