package dev.credits4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.AnnouncementRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.OrganizationQuery;
import dev.credits4j.api.OrganizationSummary;
import dev.credits4j.api.References;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WebhookEndpoint;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document states the same field limits as the SDK's API records, which declare each
 * once: a client generated from the document refuses exactly what the server would.
 */
class OpenApiFieldLimitsTest {
  /** Schema property ("Schema.property") to the API constant that declares its limit. */
  private static final Map<String, Integer> LIMITS =
      Map.ofEntries(
          Map.entry("PackageRequest.description", CreditPackageView.MAX_DESCRIPTION_LENGTH),
          Map.entry("OfferingRequest.description", OfferingView.MAX_TEXT_LENGTH),
          Map.entry("OfferingRequest.deliveryNotes", OfferingView.MAX_TEXT_LENGTH),
          Map.entry(
              "RegisterOrganizationRequest.displayName",
              OrganizationSummary.MAX_DISPLAY_NAME_LENGTH),
          Map.entry("AdjustmentRequest.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("UsageRequest.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("UsageBatchItem.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("UsageBatchItem.organization", WalletRef.MAX_ORGANIZATION_LENGTH),
          Map.entry("UsageBatchItem.idempotencyKey", LedgerEntryView.MAX_IDEMPOTENCY_KEY_LENGTH),
          Map.entry("TransferRequest.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("HoldRequest.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("CaptureRequest.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("ReversalRequest.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("ServiceRequestRequest.notes", ServiceRequestView.MAX_NOTES_LENGTH),
          Map.entry("CancelRequest.reason", ServiceRequestView.MAX_REASON_LENGTH),
          Map.entry("WorkspaceRequest.key", WalletRef.MAX_WORKSPACE_LENGTH),
          Map.entry("MemberRequest.organization", WalletRef.MAX_ORGANIZATION_LENGTH),
          Map.entry("ApiKeyRequest.organization", WalletRef.MAX_ORGANIZATION_LENGTH),
          Map.entry("AllotmentRequest.description", AllotmentView.MAX_DESCRIPTION_LENGTH),
          Map.entry("WebhookEndpointCreate.url", WebhookEndpoint.MAX_URL_LENGTH),
          Map.entry("WebhookEndpointCreate.description", WebhookEndpoint.MAX_DESCRIPTION_LENGTH),
          Map.entry("WebhookEndpointReplace.url", WebhookEndpoint.MAX_URL_LENGTH),
          Map.entry("WebhookEndpointReplace.description", WebhookEndpoint.MAX_DESCRIPTION_LENGTH),
          Map.entry("AnnouncementRequest.message", AnnouncementRequest.MESSAGE_MAX),
          Map.entry("References.packageId", References.MAX_ID_LENGTH),
          Map.entry("References.purchaseId", References.MAX_ID_LENGTH),
          Map.entry("References.offeringId", References.MAX_ID_LENGTH),
          Map.entry("References.requestId", References.MAX_ID_LENGTH));

  @Test
  void everyLimitedPropertyStatesTheApisLimit() {
    JsonObject schemas =
        OpenApiDocuments.parsed().getJsonObject("components").getJsonObject("schemas");
    List<String> wrong = new ArrayList<>();
    LIMITS.forEach(
        (where, limit) -> {
          String[] p = where.split("\\.");
          JsonObject schema = schemas.getJsonObject(p[0]);
          JsonObject property =
              schema == null || !schema.containsKey("properties")
                  ? null
                  : schema.getJsonObject("properties").getJsonObject(p[1]);
          if (property == null) {
            wrong.add(where + " is not in the document");
          } else if (!property.containsKey("maxLength") || property.getInt("maxLength") != limit) {
            wrong.add(
                where + " has maxLength " + property.get("maxLength") + ", the API says " + limit);
          }
        });
    assertThat(wrong).isEmpty();
  }

  @Test
  void theOrganizationSearchStatesTheApisLimit() {
    JsonObject search =
        OpenApiDocuments.parsed()
            .getJsonObject("paths")
            .getJsonObject("/v1/workspaces/{ws}/organizations")
            .getJsonObject("get")
            .getJsonArray("parameters")
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(p -> "search".equals(p.getString("name", "")))
            .findFirst()
            .orElseThrow();
    assertThat(search.getJsonObject("schema").getInt("maxLength"))
        .isEqualTo(OrganizationQuery.SEARCH_MAX);
  }
}
