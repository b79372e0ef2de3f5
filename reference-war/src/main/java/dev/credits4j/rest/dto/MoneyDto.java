package dev.credits4j.rest.dto;

/** Money as JSON: {@code {"amount": "449.00", "currency": "USD"}}, the amount a decimal string. */
public record MoneyDto(String amount, String currency) {}
