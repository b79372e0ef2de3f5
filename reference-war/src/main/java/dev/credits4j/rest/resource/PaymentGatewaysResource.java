package dev.credits4j.rest.resource;

import dev.credits4j.api.Purchases;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.security.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * The payment gateways a purchase may name ({@code manual}: the team confirms the payment; {@code
 * stripe}: Stripe Checkout, when the server is configured for it), so that a checkout page can
 * offer them. Any member of the workspace.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/payment-gateways")
public class PaymentGatewaysResource {
  @Inject Access access;
  @Inject Purchases purchases;
  @Inject Workspaces workspaces;

  /** {@code {items: [{name, hostedCheckout}]}}. */
  public record Gateway(String name, boolean hostedCheckout) {}

  /** The list's body. */
  public record Gateways(List<Gateway> items) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ANYONE);
    workspaces.get(ws); // an unknown workspace is 404
    return JsonOutput.ok(
        new Gateways(
            purchases.gateways().stream().map(g -> new Gateway(g, g.equals("stripe"))).toList()));
  }
}
