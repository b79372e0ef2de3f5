package dev.credits4j.architecture;

import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.CreditsScheduler;
import dev.credits4j.SchemaMigrations;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's module descriptor ({@code src/main/java/module-info.java}) exports, opens and requires
 * exactly what docs/architecture.md ("Boundaries: the module descriptor") lists, so that the
 * boundary cannot grow without this test and that page changing with it. The tests run on the class
 * path; they read the compiled descriptor. samples/module-path runs a host module against it.
 */
class ModuleDescriptorTest {
  private static final String ROOT = "dev.credits4j";

  /** What a module-path host may name: the bootstrap, api, spi, and the settings it takes. */
  static final Set<String> EXPORTED =
      Set.of(
          ROOT,
          ROOT + ".api",
          ROOT + ".spi",
          ROOT + ".ledger",
          ROOT + ".notify",
          ROOT + ".notify.mail",
          ROOT + ".purchase.stripe",
          ROOT + ".report",
          ROOT + ".topup",
          ROOT + ".webhook");

  /** The JPA providers the entity packages are opened to, and only they. */
  static final Set<String> JPA_PROVIDERS =
      Set.of("org.eclipse.persistence.core", "org.hibernate.orm.core");

  /** Each required module and its modifiers. Static: optional features, present when used. */
  static final Map<String, Set<Requires.Modifier>> REQUIRES =
      Map.ofEntries(
          Map.entry("java.base", Set.of(Requires.Modifier.MANDATED)),
          Map.entry("jakarta.persistence", Set.of(Requires.Modifier.TRANSITIVE)),
          Map.entry("java.money", Set.of(Requires.Modifier.TRANSITIVE)),
          Map.entry("org.javamoney.moneta", Set.of(Requires.Modifier.TRANSITIVE)),
          Map.entry("java.sql", Set.of(Requires.Modifier.TRANSITIVE)),
          Map.entry("com.fasterxml.uuid", Set.of()),
          Map.entry("org.apache.commons.csv", Set.of()),
          Map.entry("java.net.http", Set.of()),
          Map.entry("jakarta.cdi", Set.of(Requires.Modifier.STATIC)),
          Map.entry("jakarta.inject", Set.of(Requires.Modifier.STATIC)),
          Map.entry("jakarta.transaction", Set.of(Requires.Modifier.STATIC)),
          Map.entry("flyway.core", Set.of(Requires.Modifier.STATIC)),
          Map.entry("stripe.java", Set.of(Requires.Modifier.STATIC)),
          Map.entry("com.google.gson", Set.of(Requires.Modifier.STATIC)),
          Map.entry("jakarta.mail", Set.of(Requires.Modifier.STATIC)),
          Map.entry("micrometer.core", Set.of(Requires.Modifier.STATIC)),
          Map.entry("micrometer.observation", Set.of(Requires.Modifier.STATIC)));

  private static Path classes;
  private static ModuleDescriptor descriptor;

  @BeforeAll
  static void readDescriptor() throws IOException, URISyntaxException {
    classes = Path.of(Credits4j.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
  }

  @Test
  void theModuleIsNamedDevCredits4j() {
    assertThat(descriptor.name()).isEqualTo(ROOT);
    assertThat(descriptor.isOpen()).as("an open module opens every package to everyone").isFalse();
  }

  @Test
  void exportsExactlyTheIntendedPackagesToEveryone() {
    assertThat(descriptor.exports()).noneMatch(Exports::isQualified);
    assertThat(descriptor.exports().stream().map(Exports::source).collect(toSet()))
        .containsExactlyInAnyOrderElementsOf(EXPORTED);
  }

  @Test
  void everyPackageTheBootstrapsSignaturesNameIsExported() {
    Set<String> named = new TreeSet<>();
    for (Class<?> c :
        Stream.of(Credits4j.class, CreditsScheduler.class, SchemaMigrations.class)
            .flatMap(c -> Stream.concat(Stream.of(c), Arrays.stream(c.getClasses())))
            .toList()) {
      Stream.<Member>concat(
              Stream.concat(Arrays.stream(c.getConstructors()), Arrays.stream(c.getMethods())),
              Arrays.stream(c.getFields()))
          .filter(m -> m.getDeclaringClass() == c && Modifier.isPublic(m.getModifiers()))
          .forEach(m -> signatureTypes(m).forEach(t -> collect(t, named)));
    }
    assertThat(named).as("dev.credits4j packages named by the bootstrap's public API").isNotEmpty();
    assertThat(EXPORTED).containsAll(named);
  }

  @Test
  void opensTheEntityPackagesToTheJpaProvidersOnly() throws IOException {
    String persistenceXml =
        Files.readString(classes.resolve("META-INF/persistence.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<class>([\\w.]+)\\.\\w+</class>").matcher(persistenceXml);
    Set<String> entityPackages = new TreeSet<>();
    while (m.find()) {
      entityPackages.add(m.group(1));
    }
    assertThat(entityPackages).hasSizeGreaterThan(10);

    Map<String, Set<String>> qualified =
        descriptor.opens().stream()
            .filter(Opens::isQualified)
            .collect(toMap(Opens::source, Opens::targets));
    assertThat(qualified.keySet()).containsExactlyInAnyOrderElementsOf(entityPackages);
    assertThat(qualified.values()).allSatisfy(to -> assertThat(to).isEqualTo(JPA_PROVIDERS));
  }

  @Test
  void opensToEveryoneOnlyThePackagesThatHoldNothingButResources() throws IOException {
    // Resources a ClassLoader must find (Flyway's migrations, the mail templates) live in
    // packages of their own without a class: opening those hides no code from anyone.
    Set<String> resourceOnly;
    try (Stream<Path> files = Files.walk(classes)) {
      Set<Path> dirsWithClasses =
          files.filter(p -> p.toString().endsWith(".class")).map(Path::getParent).collect(toSet());
      try (Stream<Path> all = Files.walk(classes)) {
        resourceOnly =
            all.filter(Files::isRegularFile)
                .map(Path::getParent)
                .filter(d -> !d.equals(classes) && !dirsWithClasses.contains(d))
                .map(
                    d ->
                        classes
                            .relativize(d)
                            .toString()
                            .replace(d.getFileSystem().getSeparator(), "."))
                .filter(SourceVersion::isName)
                .collect(toCollection(TreeSet::new));
      }
    }
    assertThat(resourceOnly).contains("db.migration.h2", "credits4j.mail");
    assertThat(
            descriptor.opens().stream()
                .filter(o -> !o.isQualified())
                .map(Opens::source)
                .collect(toSet()))
        .containsExactlyInAnyOrderElementsOf(resourceOnly);
  }

  @Test
  void requiresExactlyTheseModules() {
    assertThat(
            descriptor.requires().stream()
                .collect(toMap(Requires::name, r -> Set.copyOf(r.modifiers()))))
        .isEqualTo(REQUIRES);
    assertThat(descriptor.uses()).isEmpty();
    assertThat(descriptor.provides()).isEmpty();
  }

  private static Stream<Type> signatureTypes(Member m) {
    if (m instanceof Executable e) {
      return Stream.concat(
          Arrays.stream(e.getGenericParameterTypes()),
          e instanceof java.lang.reflect.Method method
              ? Stream.of(method.getGenericReturnType())
              : Stream.empty());
    }
    return Stream.of(((java.lang.reflect.Field) m).getGenericType());
  }

  private static void collect(Type t, Set<String> packages) {
    if (t instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (!c.isPrimitive() && c.getPackageName().startsWith(ROOT)) {
        packages.add(c.getPackageName());
      }
    } else if (t instanceof ParameterizedType p) {
      collect(p.getRawType(), packages);
      Arrays.stream(p.getActualTypeArguments()).forEach(a -> collect(a, packages));
    } else if (t instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), packages);
    } else if (t instanceof WildcardType w) {
      Arrays.stream(w.getUpperBounds()).forEach(b -> collect(b, packages));
      Arrays.stream(w.getLowerBounds()).forEach(b -> collect(b, packages));
    }
  }
}
