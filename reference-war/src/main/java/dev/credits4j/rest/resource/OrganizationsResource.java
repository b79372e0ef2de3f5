package dev.credits4j.rest.resource;

import dev.credits4j.api.OrganizationPage;
import dev.credits4j.api.OrganizationQuery;
import dev.credits4j.api.Organizations;
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

/**
 * The organizations of a workspace with their balances and low-balance flag: searched, filtered,
 * sorted and paged with a cursor. Team only.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations")
public class OrganizationsResource {
  @Inject Access access;
  @Inject Organizations organizations;

  /**
   * {@code
   * ?search=&lowBalance=true|false&sort=[-]organization|displayName|balance|available|registered&cursor=&limit=}.
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @QueryParam("search") String search,
      @QueryParam("lowBalance") String lowBalance,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    Params p = new Params();
    Boolean low = p.bool("lowBalance", lowBalance);
    boolean descending = sort != null && sort.startsWith("-");
    OrganizationQuery.Sort order = sort(p, descending ? sort.substring(1) : sort);
    if (search != null && search.length() > OrganizationQuery.SEARCH_MAX) {
      p.fail("search", "must be at most " + OrganizationQuery.SEARCH_MAX + " characters");
    }
    int size = p.limit(limit);
    p.check();
    OrganizationPage page =
        organizations.search(
            new OrganizationQuery(ws, search, low, order, descending, cursor, size));
    return JsonOutput.ok(
        new PageResponse<>(
            page.items().stream().map(Dtos::organization).toList(), page.nextCursor()));
  }

  private static OrganizationQuery.Sort sort(Params p, String text) {
    if (text == null) {
      return OrganizationQuery.Sort.ORGANIZATION;
    }
    return switch (text) {
      case "organization" -> OrganizationQuery.Sort.ORGANIZATION;
      case "displayName" -> OrganizationQuery.Sort.DISPLAY_NAME;
      case "balance" -> OrganizationQuery.Sort.BALANCE;
      case "available" -> OrganizationQuery.Sort.AVAILABLE;
      case "registered" -> OrganizationQuery.Sort.REGISTERED;
      default -> {
        p.fail(
            "sort",
            "must be one of organization, displayName, balance, available, registered,"
                + " optionally preceded by - for descending order");
        yield null;
      }
    };
  }
}
