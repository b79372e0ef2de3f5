package dev.credits4j.internal;

import jakarta.persistence.EntityManager;
import java.util.Objects;
import java.util.function.Function;

/**
 * The transactions of pure reads that may be served by a read replica: reports, history pages and
 * CSV exports, statement lists, organization lists (docs/scaling.md, "Reads from a replica"). Reads
 * run on the replica's own transactions, except when the calling thread is inside a host's
 * transaction that an operation would join: then they run there, on the primary, so that a host
 * reads its own uncommitted writes. Nothing may write through this: {@link #inTransaction} refuses,
 * so a write routed here by mistake fails at once instead of failing on the replica (or, on a
 * replica that accepts writes, diverging from the primary).
 */
public final class ReplicaReads implements Transactions {
  private final Transactions primary;
  private final Transactions replica;

  /**
   * @param primary the transactions of everything else (a host's transaction is joined there)
   * @param replica read transactions over the replica's data source
   */
  public ReplicaReads(Transactions primary, Transactions replica) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.replica = Objects.requireNonNull(replica, "replica");
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    throw new IllegalStateException(
        "CREDITS-0007 a write was routed to the read replica; writes go to the primary");
  }

  @Override
  public <T> T read(Function<EntityManager, T> work) {
    return primary.joinsHost() ? primary.read(work) : replica.read(work);
  }

  @Override
  public boolean joinsHost() {
    return primary.joinsHost();
  }
}
