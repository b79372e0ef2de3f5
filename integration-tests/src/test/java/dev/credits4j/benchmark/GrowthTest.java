package dev.credits4j.benchmark;

import dev.credits4j.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@link GrowthBenchmark} in the default build (its PostgreSQL execution): one
 * stage of about 100,000 entries, every operation run and its figures checked and printed, in a
 * database of its own. Skipped on the other databases.
 */
@Tag("database")
class GrowthTest {
  @Test
  void aHundredThousandEntryWorkspace() throws Exception {
    Assumptions.assumeTrue(
        TestDatabase.current() == TestDatabase.POSTGRESQL, "the growth run is on PostgreSQL");
    new Growth(Growth.stages("bench.growth.short.stages", "101")).run();
  }
}
