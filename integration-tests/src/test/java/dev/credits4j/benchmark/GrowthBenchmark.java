package dev.credits4j.benchmark;

import org.junit.jupiter.api.Test;

/**
 * {@link Growth} at 100k, 1M and 10M entries ({@code -Dbench.growth.stages}: entries per wallet
 * after each stage, multiples of 101, over 1,000 wallets; default {@code 101,1010,10100}). Run:
 * {@code mvn -B verify -Pbenchmark -pl integration-tests -am -Dtest=GrowthBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs} (docs/performance.md, "Growth").
 */
class GrowthBenchmark {
  @Test
  void operationsStayFlatAsTheLedgerGrows() throws Exception {
    new Growth(Growth.stages("bench.growth.stages", "101,1010,10100")).run();
  }
}
