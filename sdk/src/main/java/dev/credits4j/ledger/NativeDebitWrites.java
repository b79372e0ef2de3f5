package dev.credits4j.ledger;

import dev.credits4j.internal.Micros;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The writes of a debit (or of a batch of coalesced debits) of one locked wallet, sent to
 * PostgreSQL as <b>one</b> statement instead of one round trip per table: the entries, their
 * allocations, the drawn lots' new figures, the idempotency records and the wallet's new head, in
 * data-modifying common table expressions of one {@code UPDATE}. Everything that decides what to
 * write (the lock, the draw-down, the sequence, the hash chain, the idempotency check) is the same
 * as through JPA; only the transport differs, and the rows written are the same, column for column.
 * The statement runs on the transaction's own connection, after the wallet lock and inside the same
 * transaction, so a failure rolls everything back as before.
 *
 * <p>Used only where it is known to be right: EclipseLink (which hands out the transaction's
 * connection), PostgreSQL (whose foreign keys are checked at the end of the statement, so an
 * allocation may name an entry of the same statement), the SDK's own transaction (never a host's,
 * whose persistence context the host may still read), and a debit that touched no hold (releasing
 * an expired hold changes rows this statement does not write; such a debit is written through JPA
 * as before). Elsewhere the rows are persisted through JPA: {@link #persistAll}.
 */
final class NativeDebitWrites {
  private static final Map<EntityManagerFactory, Boolean> POSTGRESQL =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** One entry to write: the entry, and its allocations as (id, lot or null, amount). */
  private record Row(LedgerEntry entry, List<Allocated> allocations) {}

  /** One allocation to write. */
  record Allocated(String id, Lot lot, BigDecimal amount) {}

  /**
   * The columns written, in the order of the values below. {@code NativeDebitWritesTest} checks
   * that they are every column the entities map (the wallet: every column a debit may change), so a
   * column added to an entity cannot be left out here.
   */
  static final List<String> ENTRY_COLUMNS =
      List.of(
          "id",
          "wallet_id",
          "seq",
          "entry_type",
          "reason_code",
          "amount",
          "balance_after",
          "occurred_at",
          "description",
          "actor_type",
          "actor_id",
          "actor_name",
          "package_id",
          "purchase_id",
          "offering_id",
          "request_id",
          "subscription_id",
          "counterparty_wallet_id",
          "reversed_entry_id",
          "hold_id",
          "idempotency_key",
          "hash",
          "key_id");

  static final List<String> ALLOCATION_COLUMNS =
      List.of("id", "entry_id", "wallet_id", "lot_id", "amount");

  static final List<String> RECORD_COLUMNS =
      List.of(
          "wallet_id",
          "idem_key",
          "operation",
          "fingerprint",
          "result_id",
          "second_id",
          "created_at");

  /** The wallet's columns a debit may change (the others never change after registration). */
  static final List<String> WALLET_COLUMNS =
      List.of(
          "balance",
          "held",
          "overdraft_used",
          "last_seq",
          "last_hash",
          "keyed_from_seq",
          "head_seal",
          "head_key_id",
          "low_balance_alerted_at",
          "top_up_crossed_at");

  /** The lot's columns a debit may change. */
  static final List<String> LOT_COLUMNS = List.of("remaining", "reserved");

  /** The most parameters one statement gets; a larger batch is written through JPA. */
  static final int MAX_PARAMETERS = 30_000;

  private final List<Row> entries = new ArrayList<>();
  private final List<IdempotencyRecord> records = new ArrayList<>();

  /**
   * Whether this transaction's debit writes may go as one statement: EclipseLink on PostgreSQL.
   * Must be called with the transaction's wallet locked (the connection is then the transaction's).
   */
  static boolean supported(EntityManager em) {
    if (!em.getClass().getName().startsWith("org.eclipse.persistence.")) {
      return false;
    }
    EntityManagerFactory emf = em.getEntityManagerFactory();
    Boolean known = POSTGRESQL.get(emf);
    if (known == null) {
      try {
        Connection c = em.unwrap(Connection.class);
        known =
            c != null && "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
      } catch (SQLException | RuntimeException e) {
        known = false;
      }
      POSTGRESQL.put(emf, known);
    }
    return known;
  }

  void entry(LedgerEntry e, List<Allocated> allocations) {
    entries.add(new Row(e, allocations));
  }

  void record(IdempotencyRecord r) {
    records.add(r);
  }

  /** Writes everything through JPA instead, as without this class. */
  void persistAll(EntityManager em) {
    for (Row row : entries) {
      em.persist(row.entry());
      for (Allocated a : row.allocations()) {
        em.persist(new Allocation(a.id(), row.entry(), a.lot(), a.amount()));
      }
    }
    for (IdempotencyRecord r : records) {
      em.persist(r);
    }
  }

  /**
   * Sends the writes as one statement, then takes the wallet and the drawn lots out of the
   * persistence context: their new state is written, and JPA must not write it again at commit.
   */
  void execute(EntityManager em, Wallet w) {
    if (entries.isEmpty() && records.isEmpty()) {
      return;
    }
    execute(em, List.of(w));
  }

  /**
   * The writes collected for several locked wallets of one transaction ({@code writes}, one each,
   * for {@code wallets} in the same order) sent as one statement, as {@link #execute} sends one
   * wallet's.
   */
  static void executeAll(EntityManager em, List<NativeDebitWrites> writes, List<Wallet> wallets) {
    NativeDebitWrites all = new NativeDebitWrites();
    List<Wallet> changed = new ArrayList<>(wallets.size());
    for (int i = 0; i < writes.size(); i++) {
      NativeDebitWrites w = writes.get(i);
      if (!w.entries.isEmpty() || !w.records.isEmpty()) {
        all.entries.addAll(w.entries);
        all.records.addAll(w.records);
        changed.add(wallets.get(i));
      }
    }
    if (!changed.isEmpty()) {
      all.execute(em, changed);
    }
  }

  private void execute(EntityManager em, List<Wallet> wallets) {
    Map<String, Lot> lots = drawnLots();
    StringBuilder sql = new StringBuilder(2048);
    List<Object[]> params = new ArrayList<>();
    String sep = "WITH ";
    if (!entries.isEmpty()) {
      sep = withEntries(sql, params, sep);
    }
    if (!lots.isEmpty()) {
      sep = withLots(sql, params, sep, lots.values());
    }
    if (!records.isEmpty()) {
      sep = withRecords(sql, params, sep);
    }
    if (wallets.size() == 1) {
      updateWallet(sql, params, wallets.get(0));
    } else {
      updateWallets(sql, params, wallets);
    }
    if (params.size() > MAX_PARAMETERS) {
      // A batch too large for one statement's parameters (the protocol counts them in 16 bits):
      // written through JPA, the wallets and the lots still managed.
      persistAll(em);
      return;
    }
    send(em, wallets, sql.toString(), params);
    for (Wallet w : wallets) {
      em.detach(w);
    }
    for (Lot lot : lots.values()) {
      em.detach(lot);
    }
  }

  /** The lots the collected entries drew from, each once, in the order first drawn. */
  private Map<String, Lot> drawnLots() {
    Map<String, Lot> lots = new LinkedHashMap<>();
    for (Row row : entries) {
      for (Allocated a : row.allocations()) {
        if (a.lot() != null) {
          lots.put(a.lot().getId(), a.lot());
        }
      }
    }
    return lots;
  }

  /** The entries' and their allocations' INSERTs as CTEs {@code e} and {@code a}. */
  private String withEntries(StringBuilder sql, List<Object[]> params, String sep) {
    sql.append(sep)
        .append("e AS (INSERT INTO credits_entry (")
        .append(String.join(", ", ENTRY_COLUMNS))
        .append(") VALUES ");
    sep = ", ";
    String rowSep = "";
    for (Row row : entries) {
      LedgerEntry e = row.entry();
      sql.append(rowSep).append(marks(ENTRY_COLUMNS.size()));
      rowSep = ",";
      text(params, e.getId());
      text(params, e.getWalletId());
      number(params, e.getSequence());
      text(params, e.getType().name());
      text(params, e.getReason() == null ? null : e.getReason().name());
      decimal(params, e.getAmount());
      decimal(params, e.getBalanceAfter());
      number(params, e.getOccurredAtMicros());
      text(params, e.getDescription());
      text(params, e.getActorType().name());
      text(params, e.getActorId());
      text(params, e.getActorName());
      text(params, e.getPackageId());
      text(params, e.getPurchaseId());
      text(params, e.getOfferingId());
      text(params, e.getRequestId());
      text(params, e.getSubscriptionId());
      text(params, e.getCounterpartyWalletId());
      text(params, e.getReversedEntryId());
      text(params, e.getHoldId());
      text(params, e.getIdempotencyKey());
      text(params, e.getHash());
      text(params, e.getKeyId());
    }
    sql.append(")");
    StringBuilder allocations = new StringBuilder();
    rowSep = "";
    for (Row row : entries) {
      for (Allocated a : row.allocations()) {
        allocations.append(rowSep).append(marks(ALLOCATION_COLUMNS.size()));
        rowSep = ",";
        text(params, a.id());
        text(params, row.entry().getId());
        text(params, row.entry().getWalletId());
        text(params, a.lot() == null ? null : a.lot().getId());
        decimal(params, a.amount());
      }
    }
    if (allocations.length() > 0) {
      sql.append(sep)
          .append("a AS (INSERT INTO credits_allocation (id, entry_id, wallet_id, lot_id, amount)")
          .append(" VALUES ")
          .append(allocations)
          .append(")");
    }
    return sep;
  }

  /** The drawn lots' new {@code remaining} and {@code reserved} as CTE {@code l}. */
  private static String withLots(
      StringBuilder sql, List<Object[]> params, String sep, Collection<Lot> lots) {
    sql.append(sep)
        .append("l AS (UPDATE credits_lot SET remaining = v.remaining, reserved = v.reserved")
        .append(" FROM (VALUES ");
    sep = ", ";
    String rowSep = "";
    for (Lot lot : lots) {
      sql.append(rowSep).append("(CAST(? AS VARCHAR), CAST(? AS NUMERIC), CAST(? AS NUMERIC))");
      rowSep = ",";
      text(params, lot.getId());
      decimal(params, lot.getRemaining());
      decimal(params, lot.getReserved());
    }
    sql.append(") AS v (id, remaining, reserved) WHERE credits_lot.id = v.id)");
    return sep;
  }

  /** The idempotency records' INSERT as CTE {@code i}. */
  private String withRecords(StringBuilder sql, List<Object[]> params, String sep) {
    sql.append(sep)
        .append("i AS (INSERT INTO credits_idempotency (")
        .append(String.join(", ", RECORD_COLUMNS))
        .append(") VALUES ");
    sep = ", ";
    String rowSep = "";
    for (IdempotencyRecord r : records) {
      sql.append(rowSep).append(marks(RECORD_COLUMNS.size()));
      rowSep = ",";
      text(params, r.getWalletId());
      text(params, r.getKey());
      text(params, r.getOperation());
      text(params, r.getFingerprint());
      text(params, r.getResultId());
      text(params, r.getSecondId());
      number(params, Micros.of(r.getCreatedAt()));
    }
    sql.append(")");
    return sep;
  }

  /** The statement's own part: the locked wallet's changed columns. */
  private static void updateWallet(StringBuilder sql, List<Object[]> params, Wallet w) {
    sql.append(" UPDATE credits_wallet SET ")
        .append(String.join(" = ?, ", WALLET_COLUMNS))
        .append(" = ? WHERE id = ?");
    walletValues(params, w);
  }

  /** The statement's own part for several wallets: their changed columns from a VALUES list. */
  private static void updateWallets(StringBuilder sql, List<Object[]> params, List<Wallet> ws) {
    sql.append(" UPDATE credits_wallet SET ");
    String colSep = "";
    for (String column : WALLET_COLUMNS) {
      sql.append(colSep).append(column).append(" = v.").append(column);
      colSep = ", ";
    }
    sql.append(" FROM (VALUES ");
    String rowSep = "";
    for (Wallet w : ws) {
      sql.append(rowSep)
          .append("(CAST(? AS NUMERIC), CAST(? AS NUMERIC), CAST(? AS NUMERIC), CAST(? AS BIGINT),")
          .append(" CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS VARCHAR),")
          .append(" CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS VARCHAR))");
      rowSep = ",";
      walletValues(params, w);
    }
    sql.append(") AS v (")
        .append(String.join(", ", WALLET_COLUMNS))
        .append(", id) WHERE credits_wallet.id = v.id");
  }

  /** The wallet's {@link #WALLET_COLUMNS}, then its id. */
  private static void walletValues(List<Object[]> params, Wallet w) {
    decimal(params, w.getBalance());
    decimal(params, w.getHeld());
    decimal(params, w.getOverdraftUsed());
    number(params, w.getLastSeq());
    text(params, w.getLastHash());
    number(params, w.getKeyedFromSeq());
    text(params, w.getHeadSeal());
    text(params, w.getHeadKeyId());
    number(
        params, w.getLowBalanceAlertedAt() == null ? null : Micros.of(w.getLowBalanceAlertedAt()));
    number(params, w.getTopUpCrossedAt() == null ? null : Micros.of(w.getTopUpCrossedAt()));
    text(params, w.getId());
  }

  /** Sends the statement: it must update every one of the locked wallets' rows. */
  private static void send(
      EntityManager em, List<Wallet> wallets, String sql, List<Object[]> params) {
    Connection c = em.unwrap(Connection.class);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Object[] p : params) {
        if (p[1] == null) {
          ps.setNull(i, (Integer) p[0]);
        } else {
          ps.setObject(i, p[1], (Integer) p[0]);
        }
        i++;
      }
      int updated = ps.executeUpdate();
      if (updated != wallets.size()) {
        throw new IllegalStateException(
            "the locked wallets were not all updated ("
                + updated
                + " rows of "
                + wallets.size()
                + ", the first "
                + wallets.get(0).getId()
                + ")");
      }
    } catch (SQLException e) {
      // SqlErrors finds the SQLState in the cause chain: deadlocks and serialization failures
      // retry the transaction as any other statement's would.
      throw new PersistenceException("writing the debit failed: " + e.getMessage(), e);
    }
  }

  /** {@code (?,?,...)} with {@code n} markers. */
  private static String marks(int n) {
    return "(" + "?,".repeat(n - 1) + "?)";
  }

  private static void text(List<Object[]> params, String value) {
    params.add(new Object[] {Types.VARCHAR, value});
  }

  private static void number(List<Object[]> params, Long value) {
    params.add(new Object[] {Types.BIGINT, value});
  }

  private static void decimal(List<Object[]> params, BigDecimal value) {
    params.add(new Object[] {Types.NUMERIC, value});
  }
}
