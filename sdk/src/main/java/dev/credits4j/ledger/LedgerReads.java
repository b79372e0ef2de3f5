package dev.credits4j.ledger;

import dev.credits4j.api.EntryType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * The ledger's rows as other contexts may read them (reports above all): each query over {@code
 * Wallet}, {@code Lot}, {@code LedgerEntry} or {@code Allocation} that another context needs lives
 * here, so that only the ledger names its entities in JPQL. Each method returns the query with its
 * parameters bound; the caller pages and fetches. Rows are returned as {@code Object[]} in the
 * order each method documents.
 */
public final class LedgerReads {
  private LedgerReads() {}

  /** These wallets' organizations: {@code [id, organizationId]}. */
  public static TypedQuery<Object[]> organizations(EntityManager em, Collection<String> walletIds) {
    return em.createQuery(
            "select w.id, w.organizationId from Wallet w where w.id in :ids", Object[].class)
        .setParameter("ids", walletIds);
  }

  /** The id of the organization's wallet in the workspace (none or one). */
  public static TypedQuery<String> walletIds(
      EntityManager em, String workspace, String organization) {
    return em.createQuery(
            "select w.id from Wallet w where w.workspaceKey = :ws and w.organizationId = :org",
            String.class)
        .setParameter("ws", workspace)
        .setParameter("org", organization);
  }

  /** When the wallet was created (micros; none or one). */
  public static TypedQuery<Long> walletCreatedAt(EntityManager em, String walletId) {
    return em.createQuery("select w.createdAt from Wallet w where w.id = :id", Long.class)
        .setParameter("id", walletId);
  }

  /** How many wallets of the workspace were created before {@code end} (micros). */
  public static TypedQuery<Long> walletsCreatedBefore(
      EntityManager em, String workspace, long end) {
    return em.createQuery(
            "select count(w) from Wallet w where w.workspaceKey = :ws and w.createdAt < :end",
            Long.class)
        .setParameter("ws", workspace)
        .setParameter("end", end);
  }

  /** The organization's wallet in the workspace as {@code [id, balance]} (none or one). */
  public static TypedQuery<Object[]> walletBalance(
      EntityManager em, String workspace, String organization) {
    return em.createQuery(
            "select w.id, w.balance from Wallet w where w.workspaceKey = :ws"
                + " and w.organizationId = :org",
            Object[].class)
        .setParameter("ws", workspace)
        .setParameter("org", organization);
  }

  /**
   * The wallet's entries in [start, end) (micros) per type: {@code [type, sum of amounts, count]}.
   */
  public static TypedQuery<Object[]> entryTotalsByType(
      EntityManager em, String walletId, long start, long end) {
    return em.createQuery(
            "select e.type, sum(e.amount), count(e) from LedgerEntry e where e.walletId = :w"
                + " and e.occurredAt >= :start and e.occurredAt < :end group by e.type",
            Object[].class)
        .setParameter("w", walletId)
        .setParameter("start", start)
        .setParameter("end", end);
  }

  /** The wallet's balances after each entry before {@code end} (micros), latest first. */
  public static TypedQuery<BigDecimal> balancesBefore(EntityManager em, String walletId, long end) {
    return em.createQuery(
            "select e.balanceAfter from LedgerEntry e where e.walletId = :w"
                + " and e.occurredAt < :end order by e.occurredAt desc, e.sequence desc",
            BigDecimal.class)
        .setParameter("w", walletId)
        .setParameter("end", end);
  }

  /**
   * The wallet's lots with credits expiring in [from, until) (micros): {@code [id, source,
   * remaining, expiresAt]}, soonest first.
   */
  public static TypedQuery<Object[]> lotsExpiring(
      EntityManager em, String walletId, long from, long until) {
    return em.createQuery(
            "select l.id, l.source, l.remaining, l.expiresAt from Lot l where l.walletId = :w"
                + " and l.remaining > 0 and l.expiresAt >= :now and l.expiresAt < :limit"
                + " order by l.expiresAt, l.id",
            Object[].class)
        .setParameter("w", walletId)
        .setParameter("now", from)
        .setParameter("limit", until);
  }

  /**
   * The workspace's wallets with an id after {@code after}: {@code [id, organizationId]}, by id.
   */
  public static TypedQuery<Object[]> walletsAfter(
      EntityManager em, String workspace, String after) {
    return em.createQuery(
            "select w.id, w.organizationId from Wallet w"
                + " where w.workspaceKey = :ws and w.id > :after order by w.id",
            Object[].class)
        .setParameter("ws", workspace)
        .setParameter("after", after);
  }

  /**
   * The workspace's wallets created before {@code end} (micros) with an id after {@code after}:
   * {@code [id, organizationId]}, by id.
   */
  public static TypedQuery<Object[]> walletsCreatedBeforeAfter(
      EntityManager em, String workspace, long end, String after) {
    return em.createQuery(
            "select w.id, w.organizationId from Wallet w where w.workspaceKey = :ws"
                + " and w.createdAt < :end and w.id > :after order by w.id",
            Object[].class)
        .setParameter("ws", workspace)
        .setParameter("end", end)
        .setParameter("after", after);
  }

  /**
   * The wallet's USAGE entries in [start, end) (micros) per offering: {@code [offeringId or null,
   * sum of amounts (negative), count]}.
   */
  public static TypedQuery<Object[]> usageByOffering(
      EntityManager em, String walletId, long start, long end) {
    return em.createQuery(
            "select e.offeringId, sum(e.amount), count(e) from LedgerEntry e"
                + " where e.walletId = :w and e.type = :usage"
                + " and e.occurredAt >= :start and e.occurredAt < :end group by e.offeringId",
            Object[].class)
        .setParameter("w", walletId)
        .setParameter("usage", EntryType.USAGE)
        .setParameter("start", start)
        .setParameter("end", end);
  }

  /**
   * Idempotency keys used by more than one entry of a wallet of the workspace: {@code
   * [organizationId, key, count]}.
   */
  public static TypedQuery<Object[]> duplicateIdempotencyKeys(EntityManager em, String workspace) {
    return em.createQuery(
            "select w.organizationId, e.idempotencyKey, count(e)"
                + " from LedgerEntry e, Wallet w where e.walletId = w.id"
                + " and w.workspaceKey = :ws and e.idempotencyKey is not null"
                + " group by w.organizationId, e.idempotencyKey"
                + " having count(e) > 1",
            Object[].class)
        .setParameter("ws", workspace);
  }

  /**
   * When the workspace's last entry occurred (micros); empty when none. Read as the newest entry in
   * {@code occurred_at} order ({@code ix_entry_occurred}, one row) rather than {@code max()} over
   * the entry-wallet join, which the databases plan as a scan of the whole entry table (2.8 s at 10
   * million entries on PostgreSQL, against 0.14 ms this way): see {@link #firstEntryAt}.
   */
  public static TypedQuery<Long> lastEntryAt(EntityManager em, String workspace) {
    return em.createQuery(
            "select e.occurredAt from LedgerEntry e, Wallet w"
                + " where e.walletId = w.id and w.workspaceKey = :ws"
                + " order by e.occurredAt desc",
            Long.class)
        .setParameter("ws", workspace)
        .setMaxResults(1);
  }

  /**
   * The allocations of the workspace's entries that occurred in [from, to) (micros): {@code
   * [entryId, occurredAt, type, walletId, offeringId, packageId, allocationId, lotId, amount]}, in
   * order.
   */
  public static TypedQuery<Object[]> allocationsBetween(
      EntityManager em, String workspace, long from, long to) {
    return em.createQuery(
            "select e.id, e.occurredAt, e.type, e.walletId, e.offeringId, e.packageId,"
                + " a.id, a.lotId, a.amount from LedgerEntry e, Allocation a, Wallet w"
                + " where a.entryId = e.id and e.walletId = w.id and w.workspaceKey = :ws"
                + " and e.occurredAt >= :a and e.occurredAt < :b"
                + " order by e.occurredAt, e.id, a.id",
            Object[].class)
        .setParameter("ws", workspace)
        .setParameter("a", from)
        .setParameter("b", to);
  }

  /** The sum of the workspace's wallets' last sequence numbers: it moves with every entry. */
  public static TypedQuery<Number> sequenceSum(EntityManager em, String workspace) {
    return em.createQuery(
            "select coalesce(sum(w.lastSeq), 0) from Wallet w where w.workspaceKey = :ws",
            Number.class)
        .setParameter("ws", workspace);
  }

  /** The workspace's lots with credits remaining: {@code [id, remaining]}. */
  public static TypedQuery<Object[]> lotsWithCredits(EntityManager em, String workspace) {
    return em.createQuery(
            "select l.id, l.remaining from Lot l, Wallet w where l.walletId = w.id"
                + " and w.workspaceKey = :ws and l.remaining > 0",
            Object[].class)
        .setParameter("ws", workspace);
  }

  /** The overdraft used by the workspace's wallets, in total. */
  public static TypedQuery<BigDecimal> overdraftUsed(EntityManager em, String workspace) {
    return em.createQuery(
            "select coalesce(sum(w.overdraftUsed), 0) from Wallet w"
                + " where w.workspaceKey = :ws",
            BigDecimal.class)
        .setParameter("ws", workspace);
  }

  /** The ids of the workspace's lots granted in [from, to) (micros), rolled-over lots left out. */
  public static TypedQuery<String> rootLotsGranted(
      EntityManager em, String workspace, long from, long to) {
    return em.createQuery(
            "select l.id from Lot l, Wallet w where l.walletId = w.id"
                + " and w.workspaceKey = :ws and l.grantedAt >= :from and l.grantedAt < :to"
                + " and l.originLotId is null",
            String.class)
        .setParameter("ws", workspace)
        .setParameter("from", from)
        .setParameter("to", to);
  }

  /**
   * When the workspace's first entry occurred (micros); empty when none. The oldest entry in {@code
   * occurred_at} order, one row: the database walks {@code ix_entry_occurred} from the start and
   * stops at the first entry of one of the workspace's wallets. {@code min()} over the same join
   * was planned as a (parallel) scan of the whole entry table, whatever the workspace's size: 2.5 s
   * at 10 million entries on PostgreSQL, 0.14 ms this way. The walk's worst case is a workspace
   * whose first entry comes after many entries of other workspaces in the same tables; it still
   * reads no more than the scan did.
   */
  public static TypedQuery<Long> firstEntryAt(EntityManager em, String workspace) {
    return em.createQuery(
            "select e.occurredAt from LedgerEntry e, Wallet w"
                + " where e.walletId = w.id and w.workspaceKey = :ws"
                + " order by e.occurredAt",
            Long.class)
        .setParameter("ws", workspace)
        .setMaxResults(1);
  }

  /**
   * When the workspace's first entry at or after {@code from} (micros) occurred; empty when none.
   * One row in {@code occurred_at} order, as {@link #firstEntryAt}.
   */
  public static TypedQuery<Long> firstEntryFrom(EntityManager em, String workspace, long from) {
    return em.createQuery(
            "select e.occurredAt from LedgerEntry e, Wallet w"
                + " where e.walletId = w.id and w.workspaceKey = :ws and e.occurredAt >= :from"
                + " order by e.occurredAt",
            Long.class)
        .setParameter("ws", workspace)
        .setParameter("from", from)
        .setMaxResults(1);
  }

  /** The currencies of the workspace's lots' cost bases. */
  public static TypedQuery<String> lotCurrencies(EntityManager em, String workspace) {
    return em.createQuery(
            "select distinct l.costCurrency from Lot l, Wallet w where l.walletId = w.id"
                + " and w.workspaceKey = :ws",
            String.class)
        .setParameter("ws", workspace);
  }

  /**
   * These lots: {@code [id, walletId, source, original, grantedAt, costBasis, costCurrency,
   * entryId, originLotId, purchaseId]}.
   */
  public static TypedQuery<Object[]> lots(EntityManager em, Collection<String> ids) {
    return em.createQuery(
            "select l.id, l.walletId, l.source, l.original, l.grantedAt, l.costBasis,"
                + " l.costCurrency, l.entryId, l.originLotId, l.purchaseId"
                + " from Lot l where l.id in :ids",
            Object[].class)
        .setParameter("ids", ids);
  }

  /**
   * The root lots of these purchases, per purchase: {@code [purchaseId, sum of originals, cost
   * basis, cost currency]}.
   */
  public static TypedQuery<Object[]> purchaseLots(
      EntityManager em, Collection<String> purchaseIds) {
    return em.createQuery(
            "select l.purchaseId, sum(l.original), max(l.costBasis), max(l.costCurrency)"
                + " from Lot l where l.purchaseId in :ids and l.originLotId is null"
                + " group by l.purchaseId",
            Object[].class)
        .setParameter("ids", purchaseIds);
  }
}
