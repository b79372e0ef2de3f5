package dev.credits4j.ledger;

import dev.credits4j.api.WalletRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The queues of {@link DebitCoalescing}: one lane per wallet with callers waiting in arrival order.
 * No thread of its own: the caller at the head of a lane leads, runs the batch through {@code
 * runner} and hands each caller its own outcome; then the next waiting caller, if any, leads the
 * next batch. A caller is woken exactly once, either with its outcome or to lead.
 *
 * @param <D> one caller's debit
 * @param <R> one caller's outcome
 */
final class DebitCoalescer<D, R> {
  private final DebitCoalescing settings;
  private final Function<List<D>, List<R>> runner;
  private final ConcurrentHashMap<WalletRef, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger largestBatch = new AtomicInteger();
  private final AtomicLong batches = new AtomicLong();

  /**
   * @param runner runs a batch in arrival order and returns one outcome per debit, in the same
   *     order; it must not throw (each caller's failure is part of its outcome)
   */
  DebitCoalescer(DebitCoalescing settings, Function<List<D>, List<R>> runner) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /** Runs {@code debit} of {@code wallet} together with the others waiting for it. */
  R submit(WalletRef wallet, D debit) {
    Waiter<D, R> me = new Waiter<>(debit);
    Lane lane;
    boolean lead;
    while (true) {
      lane = lanes.computeIfAbsent(wallet, k -> new Lane());
      lane.lock.lock();
      try {
        if (lane.retired) {
          continue; // emptied and removed meanwhile: take the lane that replaces it
        }
        lane.queue.add(me);
        lead = !lane.leading;
        if (lead) {
          lane.leading = true;
        } else if (lane.queue.size() >= settings.maxBatch()) {
          lane.full.signalAll();
        }
        break;
      } finally {
        lane.lock.unlock();
      }
    }
    if (!lead && !me.awaitTurn()) {
      return me.outcome();
    }
    return lead(wallet, lane, me);
  }

  /** Leads one batch (its first debit is {@code me}'s), then hands the lane on. */
  private R lead(WalletRef wallet, Lane lane, Waiter<D, R> me) {
    List<Waiter<D, R>> batch = new ArrayList<>();
    lane.lock.lock();
    try {
      long wait = settings.window().toNanos();
      boolean interrupted = false;
      while (wait > 0 && lane.queue.size() < settings.maxBatch()) {
        try {
          wait = lane.full.awaitNanos(wait);
        } catch (InterruptedException e) {
          interrupted = true; // the batch runs anyway; the flag is restored below
          break;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      while (!lane.queue.isEmpty() && batch.size() < settings.maxBatch()) {
        batch.add(lane.queue.poll());
      }
    } finally {
      lane.lock.unlock();
    }
    if (batch.isEmpty() || batch.get(0) != me) {
      throw new IllegalStateException("CREDITS-0012 a debit batch lost its leader's debit");
    }
    largestBatch.accumulateAndGet(batch.size(), Math::max);
    batches.incrementAndGet();
    List<R> outcomes;
    try {
      outcomes = runner.apply(batch.stream().map(w -> w.debit).toList());
    } catch (RuntimeException | Error e) {
      // The runner answers failures per debit; this is a bug or the JVM failing: every caller of
      // the batch learns it.
      for (int i = 1; i < batch.size(); i++) {
        batch.get(i).fail(e);
      }
      handOn(wallet, lane);
      throw e;
    }
    for (int i = 1; i < batch.size(); i++) {
      batch.get(i).finish(outcomes.get(i));
    }
    handOn(wallet, lane);
    return outcomes.get(0);
  }

  /** Wakes the next caller to lead, or retires the lane when nobody waits. */
  private void handOn(WalletRef wallet, Lane lane) {
    Waiter<D, R> next;
    lane.lock.lock();
    try {
      next = lane.queue.peek();
      if (next == null) {
        lane.leading = false;
        lane.retired = true;
        lanes.remove(wallet, lane);
        return;
      }
    } finally {
      lane.lock.unlock();
    }
    next.lead();
  }

  /** The most debits one batch takes. */
  int maxBatch() {
    return settings.maxBatch();
  }

  /** How many wallets have callers waiting or running (for tests). */
  int activeLanes() {
    return lanes.size();
  }

  /** How many callers of {@code wallet} wait, the leader included (for tests). */
  int waiting(WalletRef wallet) {
    Lane lane = lanes.get(wallet);
    if (lane == null) {
      return 0;
    }
    lane.lock.lock();
    try {
      return lane.queue.size();
    } finally {
      lane.lock.unlock();
    }
  }

  /** The most debits run in one batch so far (for tests and benchmarks). */
  int largestBatch() {
    return largestBatch.get();
  }

  /** Batches run so far, a batch of one included (for tests and benchmarks). */
  long batches() {
    return batches.get();
  }

  private final class Lane {
    final ReentrantLock lock = new ReentrantLock();
    final Condition full = lock.newCondition();
    final ArrayDeque<Waiter<D, R>> queue = new ArrayDeque<>();
    boolean leading;
    boolean retired;
  }

  private static final class Waiter<D, R> {
    final D debit;
    private final CountDownLatch woken = new CountDownLatch(1);
    private volatile boolean leads;
    private volatile R outcome;
    private volatile Throwable failure;

    Waiter(D debit) {
      this.debit = debit;
    }

    void finish(R result) {
      outcome = result;
      woken.countDown();
    }

    void fail(Throwable e) {
      failure = e;
      woken.countDown();
    }

    R outcome() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return outcome;
    }

    void lead() {
      leads = true;
      woken.countDown();
    }

    /**
     * Waits until woken; true when this caller is to lead. An interrupt does not end the wait (the
     * debit may already be running in a leader's transaction), it is restored afterwards.
     */
    boolean awaitTurn() {
      boolean interrupted = false;
      while (true) {
        try {
          woken.await(1, TimeUnit.DAYS);
          if (woken.getCount() == 0) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return leads;
    }
  }
}
