package dev.credits4j.api;

/** One bad field of a request: its name (as in the request record) and what is wrong with it. */
public record FieldViolation(String field, String message) {}
