package dev.credits4j.api;

import java.time.Instant;
import javax.money.CurrencyUnit;

/**
 * The outstanding credits of a workspace and their value as of an instant.
 *
 * @param currency null for the workspace's own
 * @param at any instant, past ones included, entries that occurred at it counted; null for now
 */
public record LiabilityQuery(String workspace, CurrencyUnit currency, Instant at) {
  public static LiabilityQuery now(String workspace) {
    return new LiabilityQuery(workspace, null, null);
  }

  public static LiabilityQuery at(String workspace, Instant at) {
    return new LiabilityQuery(workspace, null, at);
  }
}
