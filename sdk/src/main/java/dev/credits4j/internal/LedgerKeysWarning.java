package dev.credits4j.internal;

import dev.credits4j.api.LedgerKeys;

/** The startup warning when the ledger runs without keys (not tamper-evident). */
public final class LedgerKeysWarning {
  private static final System.Logger LOG = System.getLogger("dev.credits4j.ledger");

  private LedgerKeysWarning() {}

  /** Returns the keys, logging a warning when none are configured. */
  public static LedgerKeys checked(LedgerKeys keys) {
    if (keys == null || !keys.configured()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0011 no ledger keys are configured: the ledger keeps an unkeyed hash chain and"
              + " seals nothing, so direct edits of the database are not detectable. Configure"
              + " ledger keys (docs/ledger.md, \"Tamper evidence\").");
      return LedgerKeys.none();
    }
    LOG.log(
        System.Logger.Level.INFO,
        "ledger keys configured: current key id "
            + keys.currentKeyId().orElseThrow()
            + ", "
            + keys.keyIds().size()
            + " key(s)");
    return keys;
  }
}
