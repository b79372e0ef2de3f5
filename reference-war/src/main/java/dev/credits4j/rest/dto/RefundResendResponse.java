package dev.credits4j.rest.dto;

/** A run of the refund-resend job: how many pending refunds the gateway accepted now. */
public record RefundResendResponse(int refundsSent) {}
