package dev.credits4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of the WAR's main code says what it is for: each directory under {@code
 * src/main/java} that holds Java sources also holds a {@code package-info.java} whose Javadoc
 * comment, before the {@code package} declaration, has some text. Read from the sources, as {@link
 * PortabilityTest} reads them.
 */
class PackageInfoTest {
  /**
   * A Javadoc comment (its body in group 1, never running past its own end) directly followed,
   * apart from annotations, by the package declaration.
   */
  private static final Pattern JAVADOC =
      Pattern.compile(
          "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*package\\s",
          Pattern.DOTALL);

  @Test
  void everyPackageHasAPackageInfoWithJavadoc() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    Set<Path> packages;
    try (Stream<Path> files = Files.walk(main)) {
      packages =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .map(Path::getParent)
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(packages).as("packages scanned").hasSizeGreaterThan(10);
    List<String> offending =
        packages.stream().filter(d -> !documented(d)).map(d -> name(main, d)).toList();
    assertThat(offending)
        .as("packages without a package-info.java with a non-empty Javadoc comment")
        .isEmpty();
  }

  @Test
  void aPackageInfoWithoutJavadocTextDoesNotCount() {
    assertThat(javadocText("/**\n * The API.\n */\npackage a.b;\n")).isEqualTo("The API.");
    assertThat(javadocText("/** The API. */\n@Deprecated\npackage a.b;\n")).isEqualTo("The API.");
    assertThat(javadocText("/**\n *\n */\npackage a.b;\n")).isEmpty();
    assertThat(javadocText("/* The API. */\npackage a.b;\n")).isEmpty();
    assertThat(javadocText("// The API.\npackage a.b;\n")).isEmpty();
    assertThat(javadocText("package a.b;\n/** The API. */\nclass X {}\n")).isEmpty();
  }

  private static boolean documented(Path dir) {
    Path info = dir.resolve("package-info.java");
    try {
      return Files.isRegularFile(info) && !javadocText(Files.readString(info)).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the Javadoc comment before the package declaration, without its stars. */
  static String javadocText(String source) {
    Matcher m = JAVADOC.matcher(source);
    if (!m.find()) {
      return "";
    }
    return m.group(1)
        .lines()
        .map(l -> l.strip().replaceFirst("^\\*+", "").strip())
        .collect(Collectors.joining(" "))
        .strip();
  }

  private static String name(Path main, Path dir) {
    return main.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), ".");
  }
}
