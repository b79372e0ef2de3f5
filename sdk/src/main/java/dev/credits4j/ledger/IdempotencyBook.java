package dev.credits4j.ledger;

import dev.credits4j.internal.Micros;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's idempotency records inside one transaction ({@code credits_idempotency}): looking up
 * what a key answered before and recording what it answers now, for the wallet the transaction has
 * locked (the lock is what serialises a key). One per {@link WalletBook}, reached as {@code
 * b.idempotency}.
 *
 * <p>Uses only its book: the entity manager, the transaction's clock, and the debit writes being
 * collected for one statement (a record then goes into that statement instead of being persisted).
 * The answers themselves are {@link WalletKeys#KEYS}'s, shared with the other contexts' keys.
 */
final class IdempotencyBook {
  private final WalletBook book;

  IdempotencyBook(WalletBook book) {
    this.book = book;
  }

  /** The first result under this key, if any; a different request under it is a conflict. */
  Optional<IdempotencyRecord> replay(Wallet w, String key, String operation, String fingerprint) {
    return WalletKeys.KEYS.replay(book.em(), w.getId(), key, WalletKeys.of(operation, fingerprint));
  }

  /**
   * The records stored under any of {@code keys} on the locked wallet, by key, in one query: a
   * batch's lookups at once (no other transaction can add one while the wallet is locked).
   */
  Map<String, IdempotencyRecord> records(Wallet w, Collection<String> keys) {
    Map<String, IdempotencyRecord> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    for (IdempotencyRecord r :
        book.em()
            .createQuery(
                "select r from IdempotencyRecord r where r.walletId = :w and r.key in :keys",
                IdempotencyRecord.class)
            .setParameter("w", w.getId())
            .setParameter("keys", padded(keys))
            .getResultList()) {
      found.put(r.getKey(), r);
    }
    return found;
  }

  /**
   * The stored records of the keys of several locked wallets ({@code keysByWallet}: wallet id ->
   * its keys), in one query: wallet id -> key -> record (a wallet without any: no entry). On the
   * transaction's own PostgreSQL connection ({@code onConnection}, see {@link
   * NativeDebitWrites#supported}) the pairs go as two arrays, one statement text for any number of
   * them; through JPA one disjunct per (wallet, key) pair, each an equality on the primary key, so
   * that the database probes the key's index once per pair rather than for every combination of the
   * wallets and the keys, the pairs padded to a power of two as {@link #padded} pads a list. The
   * records are only read: what a key answered before.
   */
  static Map<String, Map<String, IdempotencyRecord>> records(
      EntityManager em,
      Map<String, ? extends Collection<String>> keysByWallet,
      boolean onConnection) {
    List<String[]> keyed = new ArrayList<>();
    keysByWallet.forEach(
        (wallet, keys) -> {
          for (String key : keys) {
            keyed.add(new String[] {wallet, key});
          }
        });
    Map<String, Map<String, IdempotencyRecord>> found = new HashMap<>();
    if (keyed.isEmpty()) {
      return found;
    }
    for (IdempotencyRecord r : onConnection ? onConnection(em, keyed) : throughJpa(em, keyed)) {
      found.computeIfAbsent(r.getWalletId(), k -> new HashMap<>()).put(r.getKey(), r);
    }
    return found;
  }

  private static List<IdempotencyRecord> throughJpa(EntityManager em, List<String[]> keyed) {
    List<String[]> pairs = padded(keyed);
    StringBuilder jpql = new StringBuilder("select r from IdempotencyRecord r where ");
    for (int i = 0; i < pairs.size(); i++) {
      jpql.append(i == 0 ? "" : " or ")
          .append("(r.walletId = :w")
          .append(i)
          .append(" and r.key = :k")
          .append(i)
          .append(")");
    }
    TypedQuery<IdempotencyRecord> q = em.createQuery(jpql.toString(), IdempotencyRecord.class);
    for (int i = 0; i < pairs.size(); i++) {
      q.setParameter("w" + i, pairs.get(i)[0]).setParameter("k" + i, pairs.get(i)[1]);
    }
    return q.getResultList();
  }

  private static final String BY_PAIRS =
      "SELECT "
          + String.join(", ", NativeDebitWrites.RECORD_COLUMNS)
          + " FROM credits_idempotency WHERE (wallet_id, idem_key) IN"
          + " (SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[])))";

  private static List<IdempotencyRecord> onConnection(EntityManager em, List<String[]> keyed) {
    String[] wallets = new String[keyed.size()];
    String[] keys = new String[keyed.size()];
    for (int i = 0; i < keyed.size(); i++) {
      wallets[i] = keyed.get(i)[0];
      keys[i] = keyed.get(i)[1];
    }
    Connection c = em.unwrap(Connection.class);
    List<IdempotencyRecord> records = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(BY_PAIRS)) {
      NativeDebitWrites.ColumnType.VARCHAR.bind(c, ps, 1, wallets);
      NativeDebitWrites.ColumnType.VARCHAR.bind(c, ps, 2, keys);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          records.add(
              new IdempotencyRecord(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  Micros.toInstant(rs.getLong(7))));
        }
      }
    } catch (SQLException e) {
      // SqlErrors finds the SQLState in the cause chain, as for any other statement.
      throw new PersistenceException(
          "reading the idempotency records failed: " + e.getMessage(), e);
    }
    return records;
  }

  /**
   * The values padded to a power of two by repeating the first (which changes nothing in an IN
   * list): a lookup then has one of a few statement texts, which the driver and the database
   * prepare once each, instead of one text per batch size.
   */
  static <T> List<T> padded(Collection<T> values) {
    List<T> padded = new ArrayList<>(values);
    int size = Integer.highestOneBit(padded.size());
    size = size == padded.size() ? size : size * 2;
    while (padded.size() < size) {
      padded.add(padded.get(0));
    }
    return padded;
  }

  /** {@link #replay} of a record already read ({@code r}, null for none). */
  Optional<IdempotencyRecord> replay(
      IdempotencyRecord r, String key, String operation, String fingerprint) {
    return WalletKeys.KEYS.replay(r, key, WalletKeys.of(operation, fingerprint));
  }

  /**
   * Records what {@code key} answered (nothing without a key): persisted, or added to the debit
   * writes being collected for one statement.
   */
  void remember(
      Wallet w, String key, String operation, String fingerprint, String resultId, String second) {
    if (key != null) {
      IdempotencyRecord r =
          new IdempotencyRecord(w.getId(), key, operation, fingerprint, resultId, second, book.now);
      NativeDebitWrites writes = book.debitWrites();
      if (writes != null) {
        writes.record(r);
      } else {
        book.em().persist(r);
      }
    }
  }
}
