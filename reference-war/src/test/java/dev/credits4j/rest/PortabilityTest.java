package dev.credits4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The WAR's main code uses only portable APIs, so that one WAR deploys on WildFly (RESTEasy,
 * Hibernate) and Payara (Jersey, EclipseLink): no import (static or not, nor a fully qualified
 * name) of a JAX-RS or JPA implementation's classes.
 */
class PortabilityTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "\\b(org\\.glassfish\\.jersey|org\\.jboss\\.resteasy|org\\.eclipse\\.persistence"
              + "|org\\.hibernate|org\\.apache\\.cxf|org\\.jboss\\.weld|org\\.glassfish\\.hk2)\\.");

  @Test
  void mainCodeImportsNoServerImplementation() throws IOException {
    assertThat(offences(FORBIDDEN)).as("implementation classes used in src/main").isEmpty();
  }

  /**
   * The lines of the WAR's main sources matching {@code pattern}, as {@code file:line: text} (after
   * checking that the scan found the sources at all).
   */
  static List<String> offences(Pattern pattern) throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<String> offences = new ArrayList<>();
    int files;
    try (Stream<Path> sources = Files.walk(main)) {
      List<Path> java = sources.filter(p -> p.toString().endsWith(".java")).toList();
      files = java.size();
      for (Path p : java) {
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = pattern.matcher(lines.get(i));
          if (m.find()) {
            offences.add(main.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertThat(files).as("Java sources scanned").isGreaterThan(20);
    return offences;
  }

  @Test
  void theScanCatchesAnImplementationImport() {
    assertThat(FORBIDDEN.matcher("import org.glassfish.jersey.server.ResourceConfig;").find())
        .isTrue();
    assertThat(FORBIDDEN.matcher("import org.hibernate.Session;").find()).isTrue();
    assertThat(
            FORBIDDEN
                .matcher("x = org.eclipse.persistence.config.PersistenceUnitProperties.X;")
                .find())
        .isTrue();
    assertThat(FORBIDDEN.matcher("import jakarta.ws.rs.core.Response;").find()).isFalse();
  }
}
