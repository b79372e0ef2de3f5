package dev.credits4j.api;

import java.util.Optional;

/** Creates workspaces, changes their settings, and registers their client organizations. */
public interface Workspaces {

  /** Creates a workspace; fails with {@link ErrorCode#WORKSPACE_EXISTS} if the key is taken. */
  WorkspaceSettings create(WorkspaceSettings settings);

  /**
   * Replaces a workspace's settings. Once any wallet of the workspace holds entries, the currency
   * can no longer change and the credit scale can only grow ({@link ErrorCode#SETTINGS_LOCKED}).
   */
  WorkspaceSettings update(WorkspaceSettings settings);

  Optional<WorkspaceSettings> find(String key);

  /** The settings, or {@link ErrorCode#WORKSPACE_NOT_FOUND}. */
  WorkspaceSettings get(String key);

  /**
   * Registers an organization of the host platform and opens its wallet. Registering the same
   * organization again changes nothing and returns its current balance.
   */
  Balance registerOrganization(WalletRef wallet, String displayName);
}
