package dev.credits4j.api;

/**
 * Addresses the wallet of one organization in one workspace, by the workspace key and the host
 * platform's own organization id.
 */
public record WalletRef(String workspace, String organization) {
  public static WalletRef of(String workspace, String organization) {
    return new WalletRef(workspace, organization);
  }

  @Override
  public String toString() {
    return workspace + "/" + organization;
  }
}
