package dev.credits4j.rest.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * The usual security headers on every API response: nothing is stored by caches ({@code
 * Cache-Control: no-store}; answers hold balances and money and vary by caller), no content
 * sniffing, no framing, no referrer.
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> h = response.getHeaders();
    h.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    h.putSingle("Pragma", "no-cache");
    h.putSingle("X-Content-Type-Options", "nosniff");
    h.putSingle("X-Frame-Options", "DENY");
    h.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    h.putSingle("Referrer-Policy", "no-referrer");
  }
}
