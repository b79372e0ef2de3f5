package dev.credits4j.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application of the reference WAR, rooted at {@code /api}. Its resources arrive with
 * the REST issue; the WAR already packages the SDK so that servers can deploy it.
 */
@ApplicationPath("/api")
public class CreditsApplication extends Application {}
