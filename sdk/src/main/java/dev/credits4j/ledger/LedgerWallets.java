package dev.credits4j.ledger;

import dev.credits4j.internal.Ids;
import dev.credits4j.workspace.WorkspaceWallets;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The ledger's answers to the workspace context about wallets; see {@link WorkspaceWallets}. */
@Dependent
public class LedgerWallets implements WorkspaceWallets {
  @Override
  public boolean anyMoved(EntityManager em, String workspace) {
    return !em.createQuery(
            "select w.id from Wallet w where w.workspaceKey = :ws and w.lastSeq > 0", String.class)
        .setParameter("ws", workspace)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Override
  public void open(
      EntityManager em, String workspace, String organization, String name, Instant now) {
    if (LedgerReads.walletIds(em, workspace, organization).getResultList().isEmpty()) {
      em.persist(new Wallet(Ids.newId(), workspace, organization, name, now));
    }
  }
}
