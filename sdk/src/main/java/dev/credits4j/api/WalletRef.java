package dev.credits4j.api;

/**
 * Addresses the wallet of one organization in one workspace, by the workspace key and the host
 * platform's own organization id.
 */
public record WalletRef(String workspace, String organization) {
  /**
   * The longest workspace key, in characters: the one limit the SDK's checks, its columns and the
   * REST layer follow.
   */
  public static final int MAX_WORKSPACE_LENGTH = 64;

  /** The longest organization id, in characters. */
  public static final int MAX_ORGANIZATION_LENGTH = 128;

  public static WalletRef of(String workspace, String organization) {
    return new WalletRef(workspace, organization);
  }

  @Override
  public String toString() {
    return workspace + "/" + organization;
  }
}
