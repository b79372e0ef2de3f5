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

  private static final ColumnType V = ColumnType.VARCHAR;
  private static final ColumnType B = ColumnType.BIGINT;
  private static final ColumnType N = ColumnType.NUMERIC;

  /** The types of {@link #ENTRY_COLUMNS}, in their order. */
  private static final ColumnType[] ENTRY_TYPES = {
    V, V, B, V, V, N, N, B, V, V, V, V, V, V, V, V, V, V, V, V, V, V, V
  };

  /** The types of {@link #ALLOCATION_COLUMNS}, in their order. */
  private static final ColumnType[] ALLOCATION_TYPES = {V, V, V, V, N};

  /** The types of {@link #RECORD_COLUMNS}, in their order. */
  private static final ColumnType[] RECORD_TYPES = {V, V, V, V, V, V, B};

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

  /** The types of {@link #WALLET_COLUMNS}, in their order, then the wallet's id. */
  private static final ColumnType[] WALLET_TYPES = {N, N, N, B, V, B, V, V, B, B, V};

  /** The lot's columns a debit may change. */
  static final List<String> LOT_COLUMNS = List.of("remaining", "reserved");

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
    StringBuilder sql = new StringBuilder(1024);
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
    Columns rows = new Columns(entries.size(), ENTRY_TYPES);
    int allocated = 0;
    for (Row row : entries) {
      LedgerEntry e = row.entry();
      rows.add(
          e.getId(),
          e.getWalletId(),
          e.getSequence(),
          e.getType().name(),
          e.getReason() == null ? null : e.getReason().name(),
          e.getAmount(),
          e.getBalanceAfter(),
          e.getOccurredAtMicros(),
          e.getDescription(),
          e.getActorType().name(),
          e.getActorId(),
          e.getActorName(),
          e.getPackageId(),
          e.getPurchaseId(),
          e.getOfferingId(),
          e.getRequestId(),
          e.getSubscriptionId(),
          e.getCounterpartyWalletId(),
          e.getReversedEntryId(),
          e.getHoldId(),
          e.getIdempotencyKey(),
          e.getHash(),
          e.getKeyId());
      allocated += row.allocations().size();
    }
    sql.append(sep).append("e AS (INSERT INTO credits_entry (");
    rows.insert(sql, params, ENTRY_COLUMNS);
    sep = ", ";
    if (allocated > 0) {
      Columns allocations = new Columns(allocated, ALLOCATION_TYPES);
      for (Row row : entries) {
        for (Allocated a : row.allocations()) {
          allocations.add(
              a.id(),
              row.entry().getId(),
              row.entry().getWalletId(),
              a.lot() == null ? null : a.lot().getId(),
              a.amount());
        }
      }
      sql.append(sep).append("a AS (INSERT INTO credits_allocation (");
      allocations.insert(sql, params, ALLOCATION_COLUMNS);
    }
    return sep;
  }

  /** The drawn lots' new {@code remaining} and {@code reserved} as CTE {@code l}. */
  private static String withLots(
      StringBuilder sql, List<Object[]> params, String sep, Collection<Lot> lots) {
    Columns rows = new Columns(lots.size(), V, N, N);
    for (Lot lot : lots) {
      rows.add(lot.getId(), lot.getRemaining(), lot.getReserved());
    }
    sql.append(sep)
        .append("l AS (UPDATE credits_lot SET remaining = v.remaining, reserved = v.reserved")
        .append(" FROM ");
    rows.from(sql, params);
    sql.append(" AS v (id, remaining, reserved) WHERE credits_lot.id = v.id)");
    return ", ";
  }

  /** The idempotency records' INSERT as CTE {@code i}. */
  private String withRecords(StringBuilder sql, List<Object[]> params, String sep) {
    Columns rows = new Columns(records.size(), RECORD_TYPES);
    for (IdempotencyRecord r : records) {
      rows.add(
          r.getWalletId(),
          r.getKey(),
          r.getOperation(),
          r.getFingerprint(),
          r.getResultId(),
          r.getSecondId(),
          Micros.of(r.getCreatedAt()));
    }
    sql.append(sep).append("i AS (INSERT INTO credits_idempotency (");
    rows.insert(sql, params, RECORD_COLUMNS);
    return ", ";
  }

  /** The statement's own part: the locked wallet's changed columns. */
  private static void updateWallet(StringBuilder sql, List<Object[]> params, Wallet w) {
    sql.append(" UPDATE credits_wallet SET ")
        .append(String.join(" = ?, ", WALLET_COLUMNS))
        .append(" = ? WHERE id = ?");
    Object[] values = walletValues(w);
    for (int i = 0; i < values.length; i++) {
      params.add(new Object[] {WALLET_TYPES[i], values[i]});
    }
  }

  /** The statement's own part for several wallets: their changed columns from column arrays. */
  private static void updateWallets(StringBuilder sql, List<Object[]> params, List<Wallet> ws) {
    Columns rows = new Columns(ws.size(), WALLET_TYPES);
    for (Wallet w : ws) {
      rows.add(walletValues(w));
    }
    sql.append(" UPDATE credits_wallet SET ");
    String colSep = "";
    for (String column : WALLET_COLUMNS) {
      sql.append(colSep).append(column).append(" = v.").append(column);
      colSep = ", ";
    }
    sql.append(" FROM ");
    rows.from(sql, params);
    sql.append(" AS v (")
        .append(String.join(", ", WALLET_COLUMNS))
        .append(", id) WHERE credits_wallet.id = v.id");
  }

  /** The wallet's {@link #WALLET_COLUMNS}, then its id, as {@link #WALLET_TYPES} says. */
  private static Object[] walletValues(Wallet w) {
    return new Object[] {
      w.getBalance(),
      w.getHeld(),
      w.getOverdraftUsed(),
      w.getLastSeq(),
      w.getLastHash(),
      w.getKeyedFromSeq(),
      w.getHeadSeal(),
      w.getHeadKeyId(),
      w.getLowBalanceAlertedAt() == null ? null : Micros.of(w.getLowBalanceAlertedAt()),
      w.getTopUpCrossedAt() == null ? null : Micros.of(w.getTopUpCrossedAt()),
      w.getId()
    };
  }

  /** Sends the statement: it must update every one of the locked wallets' rows. */
  private static void send(
      EntityManager em, List<Wallet> wallets, String sql, List<Object[]> params) {
    Connection c = em.unwrap(Connection.class);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Object[] p : params) {
        ((ColumnType) p[0]).bind(c, ps, i++, p[1]);
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

  /**
   * A column's type: its JDBC type for a single value, its PostgreSQL element type and Java array
   * type for a column of many rows.
   */
  enum ColumnType {
    VARCHAR(Types.VARCHAR, "varchar") {
      @Override
      Object[] array(int size) {
        return new String[size];
      }
    },
    BIGINT(Types.BIGINT, "int8") {
      @Override
      Object[] array(int size) {
        return new Long[size];
      }
    },
    NUMERIC(Types.NUMERIC, "numeric") {
      @Override
      Object[] array(int size) {
        return new BigDecimal[size];
      }
    };

    private final int jdbcType;
    final String element;

    ColumnType(int jdbcType, String element) {
      this.jdbcType = jdbcType;
      this.element = element;
    }

    abstract Object[] array(int size);

    /** Binds one value of this type, or a column array of it. */
    void bind(Connection c, PreparedStatement ps, int index, Object value) throws SQLException {
      if (value instanceof Object[] column) {
        ps.setArray(index, c.createArrayOf(element, column));
      } else if (value == null) {
        ps.setNull(index, jdbcType);
      } else {
        ps.setObject(index, value, jdbcType);
      }
    }
  }

  /**
   * Rows of a table written by the statement. More than one go as one array per column, turned back
   * into rows by {@code unnest}: the statement's text and its number of parameters then do not
   * depend on how many rows there are, so PostgreSQL parses and plans it once per connection
   * instead of once per batch (a {@code VALUES} list of a batch's rows took longer to plan than to
   * run), and no batch outgrows the protocol's limit of 65,535 parameters. One row goes as a {@code
   * VALUES} row: cheaper to send and to run than arrays, and just as constant.
   */
  private static final class Columns {
    private final ColumnType[] types;
    private final Object[][] columns;
    private int rows;

    Columns(int size, ColumnType... types) {
      this.types = types;
      this.columns = new Object[types.length][];
      for (int i = 0; i < types.length; i++) {
        columns[i] = types[i].array(size);
      }
    }

    void add(Object... row) {
      if (row.length != types.length) {
        throw new IllegalArgumentException(
            "a row of " + row.length + " values for " + types.length + " columns");
      }
      for (int i = 0; i < row.length; i++) {
        columns[i][rows] = row[i];
      }
      rows++;
    }

    /**
     * The rows as a table: {@code (VALUES (CAST(? AS t1), ...))} for one row (the statement of a
     * single debit, its plan cached like any other), {@code unnest(CAST(? AS t1[]), ...)} with one
     * array parameter per column for more.
     */
    void from(StringBuilder sql, List<Object[]> params) {
      boolean one = rows == 1;
      sql.append(one ? "(VALUES (" : "unnest(");
      for (int i = 0; i < types.length; i++) {
        sql.append(i == 0 ? "" : ", ")
            .append("CAST(? AS ")
            .append(types[i].element)
            .append(one ? ")" : "[])");
        params.add(new Object[] {types[i], one ? columns[i][0] : columns[i]});
      }
      sql.append(one ? "))" : ")");
    }

    /** The rest of {@code INSERT INTO t (}: the columns, then the rows from {@link #from}. */
    void insert(StringBuilder sql, List<Object[]> params, List<String> names) {
      sql.append(String.join(", ", names)).append(") SELECT * FROM ");
      from(sql, params);
      sql.append(" AS r)");
    }
  }
}
