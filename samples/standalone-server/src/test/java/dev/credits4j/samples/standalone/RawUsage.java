package dev.credits4j.samples.standalone;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The raw-SQL reference of HttpBenchmark (d): what the database itself gives for the writes of
 * usage debits, with no HTTP, JSON, JPA, hashing or lot choice around them. Each debit of 1 credit
 * updates its wallet and its wallet's one lot, and inserts its entry, its allocation and its
 * idempotency record (the five rows a keyed consume writes). A single debit is one transaction: the
 * wallet locked and debited by one {@code UPDATE … RETURNING}, then a statement per row. A batch
 * follows the ledger's protocol for spread batches at its cheapest: two transactions debit the
 * wallets no one else holds ({@code FOR UPDATE SKIP LOCKED}), a third waits for the rest in id
 * order; in each, one statement locks and debits the wallets and one writes every other row as
 * column arrays. It writes to wallets of its own (entries with a dummy hash, so their hash chains
 * are not meant to verify, but they reconcile): never to the wallets the server's checks read.
 */
final class RawUsage {
  private static final String LOCK =
      "WITH locked AS (SELECT id FROM credits_wallet WHERE id = ANY (?) ORDER BY id FOR UPDATE%s),"
          + " n AS (SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS int[])) AS t (id, n))"
          + " UPDATE credits_wallet w SET balance = w.balance - n.n, last_seq = w.last_seq + n.n"
          + " FROM locked JOIN n ON n.id = locked.id"
          + " WHERE w.id = locked.id AND w.balance - w.held >= n.n"
          + " RETURNING w.id, w.last_seq, w.balance";
  private static final String LOT = "UPDATE credits_lot SET remaining = remaining - ? WHERE id = ?";
  private static final String ENTRY =
      "INSERT INTO credits_entry (id, wallet_id, seq, entry_type, amount, balance_after,"
          + " occurred_at, actor_type, actor_id, actor_name, idempotency_key, hash)"
          + " VALUES (?, ?, ?, 'USAGE', -1, ?, ?, 'SYSTEM', 'bench', 'bench', ?, ?)";
  private static final String ALLOCATION =
      "INSERT INTO credits_allocation (id, entry_id, wallet_id, lot_id, amount)"
          + " VALUES (?, ?, ?, ?, -1)";
  private static final String KEY =
      "INSERT INTO credits_idempotency (wallet_id, idem_key, operation, fingerprint, result_id,"
          + " created_at) VALUES (?, ?, 'CONSUME', ?, ?, ?)";
  private static final String ARRAYS =
      "WITH l AS (UPDATE credits_lot x SET remaining = x.remaining - t.n"
          + " FROM unnest(CAST(? AS varchar[]), CAST(? AS int[])) AS t (id, n) WHERE x.id = t.id),"
          + " e AS (INSERT INTO credits_entry (id, wallet_id, seq, entry_type, amount,"
          + " balance_after, occurred_at, actor_type, actor_id, actor_name, idempotency_key, hash)"
          + " SELECT id, w, s, 'USAGE', -1, b, ?, 'SYSTEM', 'bench', 'bench', k, ?"
          + " FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS bigint[]),"
          + " CAST(? AS numeric[]), CAST(? AS varchar[])) AS t (id, w, s, b, k)),"
          + " a AS (INSERT INTO credits_allocation (id, entry_id, wallet_id, lot_id, amount)"
          + " SELECT id, e, w, l, -1 FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]),"
          + " CAST(? AS varchar[]), CAST(? AS varchar[])) AS t (id, e, w, l))"
          + " INSERT INTO credits_idempotency (wallet_id, idem_key, operation, fingerprint,"
          + " result_id, created_at) SELECT w, k, 'CONSUME', ?, e, ?"
          + " FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]))"
          + " AS t (w, k, e)";
  private static final String HASH = "0".repeat(64);
  private static final int SKIPPING_ROUNDS = 2;

  private final DataSource dataSource;

  /** Wallet id and its one lot's id, by the benchmark's index of the wallet. */
  private final List<String[]> wallets;

  private RawUsage(DataSource dataSource, List<String[]> wallets) {
    this.dataSource = dataSource;
    this.wallets = wallets;
  }

  /** The reference over {@code organizations} of {@code workspace}, each with exactly one lot. */
  static RawUsage over(DataSource dataSource, String workspace, List<String> organizations)
      throws SQLException {
    Map<String, String[]> byOrganization = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT w.organization_id, w.id, l.id FROM credits_wallet w"
                    + " JOIN credits_lot l ON l.wallet_id = w.id"
                    + " WHERE w.workspace_key = ? AND w.organization_id = ANY (?)")) {
      ps.setString(1, workspace);
      ps.setArray(2, c.createArrayOf("varchar", organizations.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] previous =
              byOrganization.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
          if (previous != null) {
            throw new IllegalStateException(rs.getString(1) + " has more than one lot");
          }
        }
      }
    }
    List<String[]> wallets = new ArrayList<>();
    for (String organization : organizations) {
      String[] wallet = byOrganization.get(organization);
      if (wallet == null) {
        throw new IllegalStateException("no wallet with one lot for " + organization);
      }
      wallets.add(wallet);
    }
    return new RawUsage(dataSource, wallets);
  }

  int size() {
    return wallets.size();
  }

  /** One debit of 1 credit from wallet {@code index}, in a transaction of its own. */
  void single(int index) {
    batch(List.of(index));
  }

  /**
   * One debit of 1 credit per item of {@code indexes} (wallets may repeat): two transactions each
   * debit the wallets no other transaction holds, a third waits for the rest in id order.
   */
  void batch(List<Integer> indexes) {
    Map<Integer, Integer> pending = new TreeMap<>();
    for (int index : indexes) {
      pending.merge(index, 1, Integer::sum);
    }
    for (int round = 0; !pending.isEmpty(); round++) {
      pending = round(pending, round < SKIPPING_ROUNDS ? " SKIP LOCKED" : "");
    }
  }

  /** One transaction of {@link #batch}; the wallets it skipped. */
  private Map<Integer, Integer> round(Map<Integer, Integer> counts, String skipLocked) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<String, Debited> debited = lock(c, counts, skipLocked);
        Map<Integer, Integer> skipped = new TreeMap<>(counts);
        skipped.keySet().removeIf(i -> debited.containsKey(wallets.get(i)[0]));
        if (!skipped.isEmpty() && skipLocked.isEmpty()) {
          throw new IllegalStateException("insufficient credits");
        }
        Map<Integer, Integer> locked = new TreeMap<>(counts);
        locked.keySet().removeAll(skipped.keySet());
        write(c, locked, debited);
        c.commit();
        return skipped;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Locks and debits the wallets of {@code counts}; for each wallet it debited, its last sequence
   * number and its balance after its debits.
   */
  private Map<String, Debited> lock(Connection c, Map<Integer, Integer> counts, String skipLocked)
      throws SQLException {
    String[] ids = new String[counts.size()];
    Integer[] ns = new Integer[counts.size()];
    int k = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      ids[k] = wallets.get(e.getKey())[0];
      ns[k++] = e.getValue();
    }
    Map<String, Debited> debited = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(String.format(LOCK, skipLocked))) {
      Array idArray = c.createArrayOf("varchar", ids);
      ps.setArray(1, idArray);
      ps.setArray(2, idArray);
      ps.setArray(3, c.createArrayOf("int4", ns));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          debited.put(rs.getString(1), new Debited(rs.getLong(2), rs.getBigDecimal(3)));
        }
      }
    }
    return debited;
  }

  /** A wallet's last sequence number and balance after a transaction's debits of it. */
  private record Debited(long lastSeq, BigDecimal balance) {}

  /** The rows of one debit of 1 credit. */
  private record Row(
      String walletId,
      String lotId,
      String entryId,
      long seq,
      BigDecimal balanceAfter,
      String key,
      String allocationId) {}

  /**
   * The lot updates, entries, allocations and keys of the debited wallets: of one debit, a
   * statement each; of more, one statement with a column array per column.
   */
  private void write(Connection c, Map<Integer, Integer> counts, Map<String, Debited> debited)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      String[] wallet = wallets.get(e.getKey());
      int n = e.getValue();
      Debited after = debited.get(wallet[0]);
      for (int i = 0; i < n; i++) {
        rows.add(
            new Row(
                wallet[0],
                wallet[1],
                UUID.randomUUID().toString(),
                after.lastSeq() - n + 1 + i,
                after.balance().add(BigDecimal.valueOf(n - 1L - i)),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString()));
      }
    }
    long now = System.currentTimeMillis() * 1000;
    if (rows.size() == 1) {
      writeRow(c, rows.get(0), now);
    } else if (!rows.isEmpty()) {
      writeArrays(c, counts, rows, now);
    }
  }

  private void writeArrays(Connection c, Map<Integer, Integer> counts, List<Row> rows, long now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ARRAYS)) {
      ps.setArray(1, array(c, "varchar", counts.keySet().stream().map(i -> wallets.get(i)[1])));
      ps.setArray(2, c.createArrayOf("int4", counts.values().toArray()));
      ps.setLong(3, now);
      ps.setString(4, HASH);
      Array entryIds = array(c, "varchar", rows.stream().map(Row::entryId));
      Array walletIds = array(c, "varchar", rows.stream().map(Row::walletId));
      Array keys = array(c, "varchar", rows.stream().map(Row::key));
      ps.setArray(5, entryIds);
      ps.setArray(6, walletIds);
      ps.setArray(7, array(c, "int8", rows.stream().map(Row::seq)));
      ps.setArray(8, array(c, "numeric", rows.stream().map(Row::balanceAfter)));
      ps.setArray(9, keys);
      ps.setArray(10, array(c, "varchar", rows.stream().map(Row::allocationId)));
      ps.setArray(11, entryIds);
      ps.setArray(12, walletIds);
      ps.setArray(13, array(c, "varchar", rows.stream().map(Row::lotId)));
      ps.setString(14, HASH);
      ps.setLong(15, now);
      ps.setArray(16, walletIds);
      ps.setArray(17, keys);
      ps.setArray(18, entryIds);
      ps.executeUpdate();
    }
  }

  private static Array array(Connection c, String type, Stream<?> values) throws SQLException {
    return c.createArrayOf(type, values.toArray());
  }

  private static void writeRow(Connection c, Row row, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LOT)) {
      ps.setInt(1, 1);
      ps.setString(2, row.lotId());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(ENTRY)) {
      ps.setString(1, row.entryId());
      ps.setString(2, row.walletId());
      ps.setLong(3, row.seq());
      ps.setBigDecimal(4, row.balanceAfter());
      ps.setLong(5, now);
      ps.setString(6, row.key());
      ps.setString(7, HASH);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(ALLOCATION)) {
      ps.setString(1, row.allocationId());
      ps.setString(2, row.entryId());
      ps.setString(3, row.walletId());
      ps.setString(4, row.lotId());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(KEY)) {
      ps.setString(1, row.walletId());
      ps.setString(2, row.key());
      ps.setString(3, HASH);
      ps.setString(4, row.entryId());
      ps.setLong(5, now);
      ps.executeUpdate();
    }
  }
}
