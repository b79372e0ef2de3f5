package dev.credits4j.workspace;

/**
 * The part of a workspace's settings the ledger applies on every operation, as an immutable
 * snapshot that {@link dev.credits4j.internal.SettingsCache} may keep for a short while.
 */
public final class WorkspaceRules {
  private final String key;
  private final boolean creditsEnabled;
  private final int creditScale;
  private final String currency;
  private final Integer defaultExpiryDays;
  private final int gracePeriodDays;

  private WorkspaceRules(Workspace ws) {
    this.key = ws.getKey();
    this.creditsEnabled = ws.isCreditsEnabled();
    this.creditScale = ws.getCreditScale();
    this.currency = ws.getCurrency();
    this.defaultExpiryDays = ws.getDefaultExpiryDays();
    this.gracePeriodDays = ws.getGracePeriodDays();
  }

  public static WorkspaceRules of(Workspace ws) {
    return new WorkspaceRules(ws);
  }

  public String getKey() {
    return key;
  }

  public boolean isCreditsEnabled() {
    return creditsEnabled;
  }

  public int getCreditScale() {
    return creditScale;
  }

  public String getCurrency() {
    return currency;
  }

  public Integer getDefaultExpiryDays() {
    return defaultExpiryDays;
  }

  public int getGracePeriodDays() {
    return gracePeriodDays;
  }
}
