package dev.credits4j.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.credits4j.api.WalletRef;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A field's limit is declared once, on the API ({@link WalletRef#MAX_WORKSPACE_LENGTH}, {@link
 * WalletRef#MAX_ORGANIZATION_LENGTH}); every entity column holding such a value has exactly that
 * length (and {@code SchemaMappingTest} ties the columns to the migrations).
 */
class FieldLimitsTest {
  private static final Map<String, Integer> LIMIT_BY_COLUMN =
      Map.of(
          "workspace_key", WalletRef.MAX_WORKSPACE_LENGTH,
          "ws_key", WalletRef.MAX_WORKSPACE_LENGTH,
          "organization_id", WalletRef.MAX_ORGANIZATION_LENGTH);

  @Test
  void everyWorkspaceAndOrganizationColumnHasTheApisLength() throws Exception {
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
          if (column == null || !LIMIT_BY_COLUMN.containsKey(column.name())) {
            continue;
          }
          String where = k.getSimpleName() + "." + f.getName();
          checked.add(where);
          if (column.length() != LIMIT_BY_COLUMN.get(column.name())) {
            wrong.add(where + " has length " + column.length());
          }
        }
      }
    }
    assertThat(checked).contains("Wallet.workspaceKey", "Wallet.organizationId", "Workspace.key");
    assertThat(wrong).isEmpty();
  }
}
