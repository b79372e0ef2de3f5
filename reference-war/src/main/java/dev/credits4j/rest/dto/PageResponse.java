package dev.credits4j.rest.dto;

import java.util.List;

/** One page of a list; pass {@code nextCursor} as {@code cursor} for the next; null on the last. */
public record PageResponse<T>(List<T> items, String nextCursor) {}
