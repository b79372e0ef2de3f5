package dev.credits4j.samples.standalone;

/** Waiting in the tests that poll a server or a database until it changes. */
final class Pauses {
  private Pauses() {}

  /** Sleeps {@code millis}; an interrupt ends the test (the thread's flag set again). */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
