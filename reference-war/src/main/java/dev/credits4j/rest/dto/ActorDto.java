package dev.credits4j.rest.dto;

/** Who did something: {@code TEAM}, {@code CLIENT} or {@code SYSTEM}, with id and name. */
public record ActorDto(String type, String id, String name) {}
