package dev.credits4j.rest.dto;

/** An endpoint with its signing secret ({@code whsec_...}): returned this once, never again. */
public record WebhookSecretResponse(WebhookEndpointResponse endpoint, String secret) {}
