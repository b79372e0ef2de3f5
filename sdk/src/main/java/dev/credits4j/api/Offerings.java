package dev.credits4j.api;

import java.util.List;

/**
 * A workspace's offerings (services): the team manages them, clients request them through {@link
 * ServiceRequests}. An offering is never deleted (requests refer to it): {@link #deactivate} stops
 * new requests.
 *
 * <p>Invalid requests fail with {@link ErrorCode#INVALID_OFFERING} (or {@link
 * ErrorCode#CURRENCY_MISMATCH} when a price's currency is among the faults) listing every bad field
 * at once, and change nothing. An offering of another workspace is {@link
 * ErrorCode#OFFERING_NOT_FOUND}, exactly like an unknown one.
 */
public interface Offerings {

  OfferingView create(String workspace, OfferingRequest request);

  /**
   * Replaces every field; its id and creation time stay. Requests already made keep what they were
   * charged.
   */
  OfferingView update(String workspace, OfferingId id, OfferingRequest request);

  /** Stops new requests; deactivating again changes nothing. Open requests go on. */
  OfferingView deactivate(String workspace, OfferingId id);

  /** The offering, or {@link ErrorCode#OFFERING_NOT_FOUND}. */
  OfferingView get(String workspace, OfferingId id);

  /** The workspace's offerings by name: all of them, or only the active ones. */
  List<OfferingView> list(String workspace, OfferingFilter filter);
}
