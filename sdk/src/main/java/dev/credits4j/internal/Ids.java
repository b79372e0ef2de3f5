package dev.credits4j.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/** Time-ordered UUIDs (RFC 9562 version 7): inserts stay local in indexes, no global sequence. */
public final class Ids {
  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private Ids() {}

  public static UUID newUuid() {
    return GENERATOR.generate();
  }

  public static String newId() {
    return newUuid().toString();
  }
}
