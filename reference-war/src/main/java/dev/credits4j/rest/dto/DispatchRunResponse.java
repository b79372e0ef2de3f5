package dev.credits4j.rest.dto;

/** What one run of the notification dispatcher did. */
public record DispatchRunResponse(int claimed, int delivered, int retrying, int dead) {}
