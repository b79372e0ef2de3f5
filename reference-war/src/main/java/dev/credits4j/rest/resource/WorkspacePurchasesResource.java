package dev.credits4j.rest.resource;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.security.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The purchases of every organization of a workspace, newest first, optionally in one state (e.g.
 * {@code PENDING}: the manual payments the team is to confirm), a page at a time. Team only.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/purchases")
public class WorkspacePurchasesResource {
  @Inject Access access;
  @Inject Purchases purchases;
  @Inject Workspaces workspaces;

  /** {@code ?status=&cursor=&limit=}. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @QueryParam("status") String status,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    Params p = new Params();
    PurchaseStatus state = p.enumValue("status", status, PurchaseStatus.class);
    int n = p.limit(limit);
    PurchaseId after = cursor == null ? null : after(p, cursor);
    p.check();
    workspaces.get(ws); // an unknown workspace is 404
    List<PurchaseView> rows;
    try {
      rows = purchases.list(ws, state, after, n + 1);
    } catch (CreditsException e) {
      if (e.code() != ErrorCode.PURCHASE_NOT_FOUND) {
        throw e;
      }
      p.fail("cursor", "is not a cursor of this list");
      p.check();
      throw e;
    }
    boolean more = rows.size() > n;
    List<PurchaseView> page = more ? rows.subList(0, n) : rows;
    String next =
        more
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    page.get(page.size() - 1).id().toString().getBytes(StandardCharsets.UTF_8))
            : null;
    return JsonOutput.ok(new PageResponse<>(page.stream().map(Dtos::purchase).toList(), next));
  }

  private static PurchaseId after(Params p, String cursor) {
    try {
      String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      return new PurchaseId(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      p.fail("cursor", "is not a cursor of this list");
      return null;
    }
  }
}
