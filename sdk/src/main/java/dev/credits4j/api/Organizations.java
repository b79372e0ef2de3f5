package dev.credits4j.api;

/**
 * Reads across the organizations of a workspace, for the agency's console and for hosts: the
 * organizations with their balances and low-balance flag, and an organization's holds. Each is one
 * read; none changes anything. Bad queries fail with {@link ErrorCode#INVALID_REQUEST} naming the
 * field.
 */
public interface Organizations {

  /**
   * One page of the workspace's organizations matching the query, in its order.
   *
   * <p>The figures are the wallet's as its last change left them: a hold past its timeout still
   * counts as held, and credits past expiry still count, until the jobs release and expire them
   * ({@link CreditLedger#balance} already leaves both out).
   *
   * @throws CreditsException {@link ErrorCode#WORKSPACE_NOT_FOUND} for an unknown workspace
   */
  OrganizationPage search(OrganizationQuery query);

  /**
   * One organization as {@link #search} lists it: its display name, figures, low-balance flag and
   * registration time.
   *
   * @throws CreditsException {@link ErrorCode#WALLET_NOT_FOUND} for an unknown organization
   */
  OrganizationSummary get(WalletRef wallet);

  /**
   * One page of the organization's holds, newest first, in the states asked for (all when none).
   *
   * @throws CreditsException {@link ErrorCode#WALLET_NOT_FOUND} for an unknown organization
   */
  HoldPage holds(HoldQuery query);
}
