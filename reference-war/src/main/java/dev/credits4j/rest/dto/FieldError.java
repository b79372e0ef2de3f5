package dev.credits4j.rest.dto;

/** One bad field of a request and what is wrong with it. */
public record FieldError(String field, String message) {}
