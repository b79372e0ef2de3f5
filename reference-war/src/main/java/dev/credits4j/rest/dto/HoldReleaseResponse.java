package dev.credits4j.rest.dto;

/** A run of the hold-release job: how many timed-out holds it released. */
public record HoldReleaseResponse(int holdsReleased) {}
