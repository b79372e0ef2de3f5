package dev.credits4j.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's schema validator over the schema the SDK's SQL migrations build: any entity mapping
 * that disagrees with a table, a column or a column type fails the factory's creation.
 *
 * <p>Only {@code hibernate.hbm2ddl.auto=validate} is set. {@code
 * jakarta.persistence.schema-generation.database.action} stays unset, which is {@code none}:
 * Hibernate lets that setting, once present (even as {@code none}), override {@code
 * hibernate.hbm2ddl.auto}, which would quietly skip the validation.
 */
@Tag("database")
class HibernateSchemaValidationTest {
  private static final Map<String, Object> VALIDATE = Map.of("hibernate.hbm2ddl.auto", "validate");

  @Test
  void entityMappingsMatchTheMigratedSchema() {
    EntityManagerFactory emf = HibernateUnit.create(TestDatabase.current().dataSource(), VALIDATE);
    try {
      SessionFactoryImplementor sf = emf.unwrap(SessionFactoryImplementor.class);
      assertThat(sf.getJdbcServices().getDialect())
          .as("validated against the database this execution selects")
          .isInstanceOf(
              switch (TestDatabase.current()) {
                case H2 -> H2Dialect.class;
                case POSTGRESQL -> PostgreSQLDialect.class;
                case MARIADB, GALERA -> MariaDBDialect.class;
              });
      assertThat(emf.getMetamodel().getEntities().stream().map(e -> e.getJavaType().getName()))
          .as("every entity of the credits4j unit was validated")
          .containsExactlyInAnyOrderElementsOf(unitClasses());
      assertThat(emf.getProperties())
          .doesNotContainKey("jakarta.persistence.schema-generation.database.action");
    } finally {
      emf.close();
    }
  }

  /** The entity classes the SDK's persistence.xml lists (mapped superclasses left out). */
  private static List<String> unitClasses() {
    try (InputStream in =
        HibernateSchemaValidationTest.class
            .getClassLoader()
            .getResourceAsStream("META-INF/persistence.xml")) {
      String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> classes =
          Pattern.compile("<class>([^<]+)</class>")
              .matcher(xml)
              .results()
              .map(m -> m.group(1).strip())
              .filter(HibernateSchemaValidationTest::isEntity)
              .toList();
      assertThat(classes).as("entity classes listed in persistence.xml").isNotEmpty();
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An entity, not a mapped superclass (the unit lists both). */
  private static boolean isEntity(String className) {
    try {
      return Class.forName(className).isAnnotationPresent(jakarta.persistence.Entity.class);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("persistence.xml lists a missing class " + className, e);
    }
  }

  /** The control: the same settings over a database without the schema must fail. */
  @Test
  void validationIsReallyOn() {
    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:credits_empty_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    empty.setUser("sa");
    assertThatThrownBy(() -> HibernateUnit.create(empty, VALIDATE).close())
        .hasRootCauseInstanceOf(SchemaManagementException.class)
        .rootCause()
        .hasMessageContaining("missing table");
  }
}
