package dev.credits4j.rest.dto;

/** A captured hold and the usage entry its capture recorded. */
public record CaptureResponse(HoldResponse hold, EntryResponse entry) {}
