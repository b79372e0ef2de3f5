package dev.credits4j.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * Clients' requests for offerings (docs/requests.md).
 *
 * <p>Creating a request for a {@code CREDIT_BASED} offering is one transaction: the wallet is
 * locked, the offering must be active, the organization's open (OPEN or IN_PROGRESS) requests for
 * it must be under its concurrent limit ({@link ErrorCode#REQUEST_LIMIT_REACHED}) and its requests
 * under its total limit ({@link ErrorCode#TOTAL_REQUEST_LIMIT_REACHED}), the cost is computed as
 * ceil(units ÷ unit size) × credits per unit and debited with a {@code USAGE} entry whose
 * references name the offering and the request (an estimated offering holds the cost instead). Any
 * failure leaves no request and no debit; insufficient credits raise an {@link
 * InsufficientCreditsException} with the catalog packages that would cover the shortfall.
 *
 * <p>A request always belongs to one wallet: every call names it, and a request of another wallet
 * is {@link ErrorCode#REQUEST_NOT_FOUND}, so a client bound to its organization sees nothing of
 * others. Clients create and cancel (OPEN requests only); team members and the system also start
 * and deliver ({@link ErrorCode#ACTOR_NOT_ALLOWED} otherwise). Transitions the lifecycle does not
 * allow fail with {@link ErrorCode#INVALID_REQUEST_TRANSITION}.
 */
public interface ServiceRequests {

  ServiceRequestView create(NewServiceRequest request);

  /** The cost of {@code units} of the offering and whether the wallet can pay it now. */
  CostPreview preview(WalletRef wallet, OfferingId offering, BigDecimal units);

  ServiceRequestView get(WalletRef wallet, ServiceRequestId id);

  /**
   * The request of any wallet of the workspace, for callers that know only its id (a team member
   * acting on {@code /requests/{id}}); {@link ErrorCode#REQUEST_NOT_FOUND} for an unknown id or a
   * request of another workspace. Its {@code wallet} names the organization to check access
   * against.
   */
  ServiceRequestView get(String workspace, ServiceRequestId id);

  /** The wallet's requests, newest first; only those in {@code status} unless it is null. */
  List<ServiceRequestView> list(WalletRef wallet, RequestStatus status);

  /** OPEN → IN_PROGRESS; team or system only. */
  ServiceRequestView start(WalletRef wallet, ServiceRequestId id, Actor actor);

  /**
   * OPEN or IN_PROGRESS → DELIVERED; team or system only. For an estimated offering the hold is
   * captured at the cost of {@code actualUnits} (null: the estimate): more than was held only if
   * the wallet's available credits cover the excess. Must be null for other offerings.
   */
  ServiceRequestView deliver(
      WalletRef wallet, ServiceRequestId id, BigDecimal actualUnits, Actor actor);

  /**
   * OPEN or IN_PROGRESS → CANCELED. A client may cancel only an OPEN request. Cancelling an OPEN
   * request gives its credits back to the lots they came from (a {@code REVERSAL} entry) unless the
   * offering's {@code reverseOnCancel} is false; an IN_PROGRESS request keeps its debit (the team
   * may reverse it through the ledger). An estimated request's hold is released either way.
   */
  ServiceRequestView cancel(WalletRef wallet, ServiceRequestId id, String reason, Actor actor);
}
