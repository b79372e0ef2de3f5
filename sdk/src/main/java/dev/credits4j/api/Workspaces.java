package dev.credits4j.api;

import java.util.Optional;

/** Creates workspaces, changes their settings, and registers their client organizations. */
public interface Workspaces {

  /** Creates a workspace; fails with {@link ErrorCode#WORKSPACE_EXISTS} if the key is taken. */
  WorkspaceSettings create(WorkspaceSettings settings);

  /**
   * Replaces a workspace's settings. The currency and the credit scale cannot change once any
   * wallet of the workspace holds entries.
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
