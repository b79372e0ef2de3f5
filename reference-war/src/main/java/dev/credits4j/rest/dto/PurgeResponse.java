package dev.credits4j.rest.dto;

/** How many delivered notifications a purge deleted. */
public record PurgeResponse(int purged) {}
