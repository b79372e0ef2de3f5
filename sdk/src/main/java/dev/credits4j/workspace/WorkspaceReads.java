package dev.credits4j.workspace;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * Workspace rows as other contexts may read them: only this context names {@code Workspace} in
 * JPQL. Each method returns the query with its parameters bound, but {@link #require}, which finds
 * the row.
 */
public final class WorkspaceReads {
  private WorkspaceReads() {}

  /**
   * The workspace of {@code key}, the key checked first (required, at most {@link
   * WalletRef#MAX_WORKSPACE_LENGTH}), or {@link ErrorCode#WORKSPACE_NOT_FOUND}.
   */
  public static Workspace require(EntityManager em, String key) {
    Checks.requiredText("workspace", key, WalletRef.MAX_WORKSPACE_LENGTH);
    Workspace ws = em.find(Workspace.class, key);
    if (ws == null) {
      throw new CreditsException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + key + "'");
    }
    return ws;
  }

  /** Every workspace's key, in order. */
  public static TypedQuery<String> keys(EntityManager em) {
    return em.createQuery("select w.key from Workspace w order by w.key", String.class);
  }

  /**
   * The distinct grace periods (days) of workspaces with credits enabled, in order; of one
   * workspace only unless {@code workspace} is null.
   */
  public static TypedQuery<Integer> gracePeriods(EntityManager em, String workspace) {
    TypedQuery<Integer> q =
        em.createQuery(
            "select distinct s.gracePeriodDays from Workspace s"
                + " where s.creditsEnabled = true"
                + (workspace == null ? "" : " and s.key = :ws")
                + " order by s.gracePeriodDays",
            Integer.class);
    return workspace == null ? q : q.setParameter("ws", workspace);
  }

  /**
   * The workspaces with credits enabled and their warning days, {@code [key, warningDays]} by key;
   * one workspace only unless {@code workspace} is null.
   */
  public static TypedQuery<Object[]> warningDays(EntityManager em, String workspace) {
    TypedQuery<Object[]> q =
        em.createQuery(
            "select s.key, s.warningDays from Workspace s where s.creditsEnabled = true"
                + (workspace == null ? "" : " and s.key = :ws")
                + " order by s.key",
            Object[].class);
    return workspace == null ? q : q.setParameter("ws", workspace);
  }
}
