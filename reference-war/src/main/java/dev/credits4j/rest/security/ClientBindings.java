package dev.credits4j.rest.security;

import java.util.Optional;

/**
 * Which organization a client principal belongs to: a client sees that organization only. The
 * default ({@link SameNameClientBindings}) binds a client to the organization whose id is its
 * principal's name. A host replaces it with an {@code @Alternative @Priority(...)} bean that asks
 * its own user directory.
 */
public interface ClientBindings {

  /** The organization of {@code principal} in {@code workspace}; empty if it has none there. */
  Optional<String> organizationOf(String workspace, String principal);
}
