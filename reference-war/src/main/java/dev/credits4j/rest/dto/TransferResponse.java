package dev.credits4j.rest.dto;

/** Both sides of a transfer. */
public record TransferResponse(EntryResponse outgoing, EntryResponse incoming) {}
