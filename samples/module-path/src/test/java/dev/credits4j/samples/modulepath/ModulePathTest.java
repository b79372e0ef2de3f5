package dev.credits4j.samples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK on the module path, in a JVM of its own: {@code src/test/module-host} is a module that
 * {@code requires dev.credits4j}; it is compiled and run with {@code --module-path} holding the
 * SDK's jar and this sample's runtime dependencies (EclipseLink, H2, Flyway), nothing on the class
 * path. It bootstraps {@code Credits4j} on embedded H2, grants and consumes, and prints the balance
 * and what the module descriptor hides from it. {@code src/test/module-intruder} imports a class of
 * a package the SDK does not export: it compiles on the class path and not on the module path.
 */
class ModulePathTest {
  /** The runtime dependencies, SDK first among them, as maven-dependency-plugin wrote them. */
  private static List<Path> modulePath;

  @TempDir static Path out;

  @BeforeAll
  static void readModulePath() throws IOException {
    String path = Files.readString(Path.of("target", "module-path.txt")).strip();
    modulePath = Arrays.stream(path.split(File.pathSeparator)).map(Path::of).toList();
    assertThat(modulePath)
        .as("the SDK is among the runtime dependencies")
        .anyMatch(
            p ->
                p.toString().contains("credits4j-sdk")
                    || p.endsWith(Path.of("sdk", "target", "classes")));
  }

  @Test
  void aHostModuleBootstrapsTheSdkOnEmbeddedH2WithEclipseLink() throws Exception {
    Path classes = out.resolve("host");
    String errors =
        javac(Path.of("src", "test", "module-host"), classes, "--module-path", path(modulePath));
    assertThat(errors).as("javac").isEmpty();

    List<Path> runtime = new ArrayList<>(modulePath);
    runtime.add(0, classes);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--module-path",
            path(runtime),
            // Flyway runs the SDK's migrations (Credits4j.Builder.migrate(true)); the SDK only
            // "requires static" it, so the host resolves it (docs/embedding.md).
            "--add-modules",
            "flyway.core",
            "--module",
            "dev.credits4j.samples.modulepath.host/dev.credits4j.samples.modulepath.host.ModulePathHost");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("exits").isTrue();
    assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();

    assertThat(output.lines())
        .as(output)
        // The SDK is a named module of the boot layer, not part of the class path's unnamed one.
        .contains("sdk module: dev.credits4j, in the boot layer: true")
        .contains("host module: dev.credits4j.samples.modulepath.host")
        .contains("consumed: 30")
        .contains("retry returned the same entry: true")
        .contains("balance: 70")
        // A public class of a package that is not exported: no access from the host module.
        .contains("internal exported: false")
        .contains("internal.Ids.newId(): IllegalAccessException")
        // Entity packages are open to the JPA provider only.
        .contains("ledger open to org.eclipse.persistence.core: true")
        .contains("ledger open to host: false")
        .contains("ledger.Wallet.id: InaccessibleObjectException");
  }

  @Test
  void aPackageTheSdkDoesNotExportDoesNotCompileInAModule() throws Exception {
    Path sources = Path.of("src", "test", "module-intruder");
    // As a module: the boundary holds.
    String errors =
        javac(sources, out.resolve("intruder-module"), "--module-path", path(modulePath));
    assertThat(errors)
        .contains("package dev.credits4j.internal is declared in module dev.credits4j")
        .contains("does not export it");
    // The same class on the class path compiles: the module descriptor, not visibility, refused it.
    List<Path> classSources;
    try (Stream<Path> files = Files.walk(sources)) {
      classSources =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getFileName().toString().equals("module-info.java"))
              .toList();
    }
    assertThat(
            compile(
                classSources, out.resolve("intruder-classpath"), "--class-path", path(modulePath)))
        .isEmpty();
  }

  /** Compiles every source under {@code sources}; returns javac's errors, empty when it passed. */
  private static String javac(Path sources, Path classes, String... options) throws IOException {
    try (Stream<Path> files = Files.walk(sources)) {
      return compile(files.filter(p -> p.toString().endsWith(".java")).toList(), classes, options);
    }
  }

  private static String compile(List<Path> sources, Path classes, String... options)
      throws IOException {
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(Arrays.asList(options));
    if (!args.contains("--class-path")) {
      // Without one, javac in this JVM would take this test's class path, SDK included.
      args.addAll(List.of("--class-path", classes.toString()));
    }
    args.addAll(List.of("-d", classes.toString(), "-Xlint:-options"));
    sources.forEach(s -> args.add(s.toString()));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, args.toArray(String[]::new));
    return status == 0 ? "" : errors.toString(StandardCharsets.UTF_8);
  }

  private static String path(List<Path> entries) {
    return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}
