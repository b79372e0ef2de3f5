package dev.credits4j.rest.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The default {@link ClientBindings}: a client principal named {@code acme} is a member of the
 * organization {@code acme}, in every workspace.
 */
@ApplicationScoped
public class SameNameClientBindings implements ClientBindings {
  @Override
  public Optional<String> organizationOf(String workspace, String principal) {
    return Optional.ofNullable(principal).filter(p -> !p.isBlank());
  }
}
