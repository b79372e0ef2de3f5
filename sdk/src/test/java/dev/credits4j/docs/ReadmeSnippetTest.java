package dev.credits4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Balance;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding it in ten lines" snippet, compiled against the SDK and run on a fresh H2
 * database, so that it never goes stale: renaming a method it calls fails this test.
 */
class ReadmeSnippetTest {
  private static final String HEADING = "## Embedding it in ten lines";

  @TempDir Path work;

  @Test
  void theEmbeddingSnippetCompilesAndRuns() throws Exception {
    String snippet = snippet(Files.readString(Path.of("..", "README.md")));
    assertThat(snippet).contains("DataSource ds = ...;");
    String body =
        snippet
            .replace("DataSource ds = ...;", "DataSource ds = dataSource;")
            .replace(
                "Balance b = credits.ledger().balance(acme);",
                "return credits.ledger().balance(acme);")
            .replaceAll("(?m)//.*$", "");
    String source =
        """
        import dev.credits4j.Credits4j;
        import dev.credits4j.api.*;
        import java.math.BigDecimal;
        import java.time.Duration;
        import java.time.Instant;
        import javax.money.Monetary;
        import javax.sql.DataSource;
        import org.javamoney.moneta.Money;

        public class Snippet {
          public static Balance run(DataSource dataSource) {
        %s
          }
        }
        """
            .formatted(body);
    Path file = work.resolve("Snippet.java");
    Files.writeString(file, source);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", work.toString()),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file))
            .call();
    assertThat(compiled).as("the README snippet compiles:%n%s%n%s", errors, source).isTrue();

    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:readme-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass("Snippet").getMethod("run", DataSource.class);
      Balance balance = (Balance) run.invoke(null, h2);
      assertThat(balance.balance()).isEqualByComparingTo("475");
      assertThat(balance.available()).isEqualByComparingTo("475");
    }
  }

  /** The first java block after the heading, without its fences. */
  private static String snippet(String readme) throws IOException {
    int heading = readme.indexOf(HEADING);
    assertThat(heading).as("README has the heading %s", HEADING).isNotNegative();
    int start = readme.indexOf("```java\n", heading) + "```java\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }
}
