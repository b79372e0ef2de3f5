package dev.credits4j.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.SchemaMigrations;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JPA mapping and the migrated schema agree, on every test database: each entity's table and
 * every mapped column exist, with the mapping's nullability, a type of the right family, room for
 * the mapped length, precision and scale, and the mapped primary key; and no {@code credits_} table
 * lacks an entity. The schema comes from {@code db/migration}, never from the provider, so nothing
 * else would notice a migration that drifted from the entities until a write failed.
 */
@Tag("database")
class SchemaMappingTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final EntityManagerFactory EMF =
      DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);

  /** Lower-cased table name → lower-cased column name → what the database says about it. */
  private static final Map<String, Map<String, DbColumn>> TABLES = new HashMap<>();

  private static final Map<String, Set<String>> PRIMARY_KEYS = new HashMap<>();

  record DbColumn(
      String name, int jdbcType, String typeName, int size, int scale, boolean nullable) {}

  /** One column as the entity maps it, merged over every attribute mapped to it. */
  static final class Mapped {
    final String column;
    final List<String> attributes = new ArrayList<>();
    Class<?> javaType;
    boolean id;
    boolean notNull;
    Integer length;
    Integer precision;
    Integer scale;

    Mapped(String column) {
      this.column = column;
    }
  }

  @BeforeAll
  static void readSchema() throws SQLException {
    try (Connection c = DB.dataSource().getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String catalog = c.getCatalog();
      String schema = c.getSchema();
      List<String> names = new ArrayList<>();
      try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : names) {
        Map<String, DbColumn> columns = new LinkedHashMap<>();
        try (ResultSet rs = md.getColumns(catalog, schema, table, "%")) {
          while (rs.next()) {
            DbColumn col =
                new DbColumn(
                    rs.getString("COLUMN_NAME"),
                    rs.getInt("DATA_TYPE"),
                    rs.getString("TYPE_NAME"),
                    rs.getInt("COLUMN_SIZE"),
                    rs.getInt("DECIMAL_DIGITS"),
                    rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
            columns.put(lower(col.name()), col);
          }
        }
        Set<String> pk = new TreeSet<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
          while (rs.next()) {
            pk.add(lower(rs.getString("COLUMN_NAME")));
          }
        }
        TABLES.put(lower(table), columns);
        PRIMARY_KEYS.put(lower(table), pk);
      }
    }
    assertThat(TABLES).as("tables of the migrated schema").containsKey("credits_wallet");
  }

  static Stream<String> entities() {
    return EMF.getMetamodel().getEntities().stream().map(e -> e.getJavaType().getName()).sorted();
  }

  @ParameterizedTest
  @MethodSource("entities")
  void theTableHasEveryMappedColumnAsMapped(String entityName) throws ClassNotFoundException {
    Class<?> entity = Class.forName(entityName);
    Table table = entity.getAnnotation(Table.class);
    assertThat(table).as("%s names its table with @Table", entity.getSimpleName()).isNotNull();
    Map<String, DbColumn> columns = TABLES.get(lower(table.name()));
    assertThat(columns)
        .as("table %s of %s exists", table.name(), entity.getSimpleName())
        .isNotNull();

    Map<String, Mapped> mapped = mappedColumns(entity);
    assertThat(mapped).as("%s maps columns", entity.getSimpleName()).isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (Mapped m : mapped.values()) {
      DbColumn db = columns.get(m.column);
      String where = table.name() + "." + m.column + " (" + String.join(", ", m.attributes) + ")";
      if (db == null) {
        problems.add(where + " does not exist");
        continue;
      }
      if (m.notNull == db.nullable()) {
        problems.add(
            where
                + " is "
                + (db.nullable() ? "nullable" : "NOT NULL")
                + " in the schema but "
                + (m.notNull ? "not nullable" : "nullable")
                + " in the mapping");
      }
      String family = family(m.javaType);
      if (!compatible(family, db.jdbcType())) {
        problems.add(where + " is " + db.typeName() + " but maps a " + m.javaType.getSimpleName());
      }
      if (family.equals("text") && m.length != null && db.size() < m.length) {
        problems.add(where + " holds " + db.size() + " characters but is mapped with " + m.length);
      }
      if (m.javaType.isEnum() && m.length != null) {
        for (Object constant : m.javaType.getEnumConstants()) {
          if (((Enum<?>) constant).name().length() > Math.min(m.length, db.size())) {
            problems.add(where + " is too short for " + constant);
          }
        }
      }
      if (family.equals("decimal") && m.precision != null && m.precision > 0) {
        if (db.size() < m.precision || db.scale() != m.scale) {
          problems.add(
              where
                  + " is "
                  + db.typeName()
                  + "("
                  + db.size()
                  + ","
                  + db.scale()
                  + ") but mapped as ("
                  + m.precision
                  + ","
                  + m.scale
                  + ")");
        }
      }
    }
    assertThat(problems).as("columns of %s", entity.getSimpleName()).isEmpty();

    Set<String> idColumns = new TreeSet<>();
    mapped.values().stream().filter(m -> m.id).forEach(m -> idColumns.add(m.column));
    assertThat(PRIMARY_KEYS.get(lower(table.name())))
        .as("primary key of %s", table.name())
        .isEqualTo(idColumns);
  }

  @Test
  void everyCreditsTableHasAnEntity() {
    Set<String> mappedTables = new TreeSet<>();
    for (EntityType<?> e : EMF.getMetamodel().getEntities()) {
      mappedTables.add(lower(e.getJavaType().getAnnotation(Table.class).name()));
    }
    Set<String> credits = new TreeSet<>();
    TABLES.keySet().stream().filter(t -> t.startsWith("credits_")).forEach(credits::add);
    credits.remove(SchemaMigrations.HISTORY_TABLE);
    assertThat(credits).isEqualTo(mappedTables);
  }

  @Test
  void everyEntityOfThePersistenceUnitIsInTheMetamodel() {
    assertThat(entities())
        .contains(
            "dev.credits4j.ledger.Wallet",
            "dev.credits4j.ledger.Lot",
            "dev.credits4j.ledger.LedgerEntry",
            "dev.credits4j.ledger.Allocation",
            "dev.credits4j.ledger.Hold",
            "dev.credits4j.ledger.HoldAllocation",
            "dev.credits4j.ledger.IdempotencyRecord",
            "dev.credits4j.workspace.Workspace");
  }

  // ---------------------------------------------------------------- reading the mapping

  /** Every column the entity's persistent attributes map, by lower-cased column name. */
  private static Map<String, Mapped> mappedColumns(Class<?> entity) {
    EntityType<?> type = EMF.getMetamodel().entity(entity);
    Set<String> attributeNames = new TreeSet<>();
    for (Attribute<?, ?> a : type.getAttributes()) {
      attributeNames.add(a.getName());
    }
    Map<String, Mapped> mapped = new LinkedHashMap<>();
    Set<String> seen = new TreeSet<>();
    for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
          continue;
        }
        seen.add(f.getName());
        Column column = f.getAnnotation(Column.class);
        JoinColumn join = f.getAnnotation(JoinColumn.class);
        String name = column != null ? column.name() : join != null ? join.name() : f.getName();
        Mapped m = mapped.computeIfAbsent(lower(name), Mapped::new);
        m.attributes.add(f.getName());
        boolean id = f.isAnnotationPresent(Id.class);
        m.id |= id;
        if (column != null) {
          m.notNull |= !column.nullable() || id;
          if (f.getType() == String.class || f.isAnnotationPresent(Enumerated.class)) {
            m.length = column.length();
          }
          if (f.getType() == BigDecimal.class) {
            m.precision = column.precision();
            m.scale = column.scale();
          }
          if (m.javaType == null || join == null) {
            m.javaType = f.getType();
          }
        } else if (join != null) {
          m.notNull |= !join.nullable();
          if (m.javaType == null) {
            m.javaType = String.class;
          }
        } else {
          m.notNull |= id || f.getType().isPrimitive();
          m.javaType = f.getType();
        }
      }
    }
    assertThat(seen)
        .as("%s: every metamodel attribute is a field read here", entity.getSimpleName())
        .containsAll(attributeNames);
    return mapped;
  }

  private static String family(Class<?> javaType) {
    if (javaType == String.class || javaType.isEnum()) {
      return "text";
    }
    if (javaType == BigDecimal.class) {
      return "decimal";
    }
    if (javaType == long.class || javaType == Long.class) {
      return "bigint";
    }
    if (javaType == int.class || javaType == Integer.class) {
      return "integer";
    }
    if (javaType == boolean.class || javaType == Boolean.class) {
      return "boolean";
    }
    return "other:" + javaType.getName();
  }

  private static boolean compatible(String family, int jdbcType) {
    List<Integer> accepted =
        switch (family) {
          case "text" ->
              List.of(Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR);
          case "decimal" -> List.of(Types.NUMERIC, Types.DECIMAL);
          case "bigint" -> List.of(Types.BIGINT);
          case "integer" -> List.of(Types.INTEGER);
          case "boolean" -> List.of(Types.BOOLEAN, Types.BIT, Types.TINYINT);
          default -> List.of();
        };
    return accepted.contains(jdbcType);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
