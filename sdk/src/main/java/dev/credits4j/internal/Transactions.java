package dev.credits4j.internal;

import jakarta.persistence.EntityManager;
import java.util.function.Function;

/**
 * The SDK's one transaction abstraction. {@link #inTransaction} runs {@code work} in a new
 * transaction and, when the database reports a serialization failure or deadlock, rolls back and
 * runs the whole of {@code work} again, a bounded number of times. {@code work} must therefore read
 * everything it decides on inside the transaction and have no effect outside it.
 */
public interface Transactions {

  <T> T inTransaction(Function<EntityManager, T> work);

  /** Runs read-only work; no retry is needed because nothing is written. */
  <T> T read(Function<EntityManager, T> work);
}
