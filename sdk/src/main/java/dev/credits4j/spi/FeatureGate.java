package dev.credits4j.spi;

/**
 * Lets the host decide which workspaces may use credits at all, typically by plan ("credit billing
 * requires Plus or higher"). Checked on every ledger operation beside the workspace's own
 * credits-enabled setting. The default allows every workspace.
 */
@FunctionalInterface
public interface FeatureGate {

  boolean creditsAllowed(String workspace);

  FeatureGate ALLOW_ALL = workspace -> true;
}
