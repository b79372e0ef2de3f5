package dev.credits4j.workspace;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * What the workspace context needs to know of wallets, answered by the ledger that owns them
 * ({@code dev.credits4j.ledger.LedgerWallets}): the workspace context depends on no other context,
 * the ledger depends on it. Both methods run in the caller's transaction.
 */
public interface WorkspaceWallets {
  /** Whether a wallet of the workspace has moved (has at least one entry). */
  boolean anyMoved(EntityManager em, String workspace);

  /**
   * Opens the organization's wallet in the workspace unless it has one; a concurrent opening fails
   * on the unique key, which the caller retries.
   */
  void open(EntityManager em, String workspace, String organization, String name, Instant now);
}
