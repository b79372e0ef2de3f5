package dev.credits4j.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.OrganizationSummary;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WebhookEndpoint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A field's limit is declared once, on the API record that carries the field ({@link
 * WalletRef#MAX_WORKSPACE_LENGTH}, {@link Actor#MAX_ID_LENGTH}, {@link
 * LedgerEntryView#MAX_DESCRIPTION_LENGTH} and the like); the services check input against those
 * constants, and every entity column holding such a value has exactly that length (and {@code
 * SchemaMappingTest} ties the columns to the migrations).
 */
class FieldLimitsTest {
  /** Columns that hold the same kind of value wherever they appear, by column name. */
  private static final Map<String, Integer> LIMIT_BY_COLUMN =
      Map.ofEntries(
          Map.entry("workspace_key", WalletRef.MAX_WORKSPACE_LENGTH),
          Map.entry("ws_key", WalletRef.MAX_WORKSPACE_LENGTH),
          Map.entry("organization_id", WalletRef.MAX_ORGANIZATION_LENGTH),
          Map.entry("actor_id", Actor.MAX_ID_LENGTH),
          Map.entry("created_by_id", Actor.MAX_ID_LENGTH),
          Map.entry("changed_by_id", Actor.MAX_ID_LENGTH),
          Map.entry("confirmed_by_id", Actor.MAX_ID_LENGTH),
          Map.entry("actor_name", Actor.MAX_NAME_LENGTH),
          Map.entry("created_by_name", Actor.MAX_NAME_LENGTH),
          Map.entry("changed_by_name", Actor.MAX_NAME_LENGTH),
          Map.entry("confirmed_by_name", Actor.MAX_NAME_LENGTH),
          Map.entry("idempotency_key", LedgerEntryView.MAX_IDEMPOTENCY_KEY_LENGTH),
          Map.entry("idem_key", LedgerEntryView.MAX_IDEMPOTENCY_KEY_LENGTH));

  /** Free-text columns whose limit depends on what they describe, by entity and field. */
  private static final Map<String, Integer> LIMIT_BY_FIELD =
      Map.ofEntries(
          Map.entry("LedgerEntry.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("Hold.description", LedgerEntryView.MAX_DESCRIPTION_LENGTH),
          Map.entry("Allotment.description", AllotmentView.MAX_DESCRIPTION_LENGTH),
          Map.entry("EndpointRow.description", WebhookEndpoint.MAX_DESCRIPTION_LENGTH),
          Map.entry("EndpointRow.url", WebhookEndpoint.MAX_URL_LENGTH),
          Map.entry("Wallet.displayName", OrganizationSummary.MAX_DISPLAY_NAME_LENGTH),
          Map.entry("CreditPackage.description", CreditPackageView.MAX_DESCRIPTION_LENGTH),
          Map.entry("Offering.description", OfferingView.MAX_TEXT_LENGTH),
          Map.entry("Offering.deliveryNotes", OfferingView.MAX_TEXT_LENGTH),
          Map.entry("ServiceRequest.notes", ServiceRequestView.MAX_NOTES_LENGTH));

  @Test
  void everyColumnHoldingALimitedFieldHasTheApisLength() throws Exception {
    List<String> checked = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.credits4j")) {
      if (!c.isAnnotatedWith(Entity.class)) {
        continue;
      }
      for (Class<?> k = Class.forName(c.getName()); k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          Column column = f.getAnnotation(Column.class);
          if (column == null) {
            continue;
          }
          String where = k.getSimpleName() + "." + f.getName();
          Integer limit = LIMIT_BY_FIELD.getOrDefault(where, LIMIT_BY_COLUMN.get(column.name()));
          if (limit == null) {
            continue;
          }
          checked.add(where);
          if (column.length() != limit) {
            wrong.add(where + " has length " + column.length() + ", the API says " + limit);
          }
        }
      }
    }
    assertThat(checked)
        .contains("Wallet.workspaceKey", "Wallet.organizationId", "Workspace.key")
        .contains("LedgerEntry.idempotencyKey", "LedgerEntry.actorId", "LedgerEntry.actorName")
        .containsAll(LIMIT_BY_FIELD.keySet());
    assertThat(wrong).isEmpty();
  }
}
