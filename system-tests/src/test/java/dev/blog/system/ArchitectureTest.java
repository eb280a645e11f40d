package dev.blog.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules over the main classes of every module (functions, local stack, bench, test support),
 * read from their {@code target/classes}: this module is built after all of them. Test classes are not
 * checked: fixtures may reach across packages.
 */
class ArchitectureTest {
  private static JavaClasses mainClasses;

  @BeforeAll
  static void importEveryModule() {
    List<Path> dirs = mainClassDirs(LocalStackFixture.projectDir());
    // Every function module must be there: a rule over no classes would pass whatever the code does.
    assertThat(dirs.stream().map(d -> d.getParent().getParent().getFileName().toString()))
        .contains("shared", "auth", "users", "posts", "graphql", "jobs", "local");
    mainClasses = new ClassFileImporter().importPaths(dirs);
    assertThat(mainClasses.size()).isGreaterThan(150);
  }

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    slices().matching("dev.blog.(**)").should().beFreeOfCycles().check(mainClasses);
  }

  @Test
  void theDomainKnowsNothingOfHttpOrLambda() {
    noClasses().that().resideInAnyPackage("dev.blog.core.user..", "dev.blog.core.post..", "dev.blog.core.audit..",
            "dev.blog.core.mail..", "dev.blog.core.error..", "dev.blog.core.validation..", "dev.blog.core.json..",
            "dev.blog.core.security..", "dev.blog.core.store..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.blog.core.http..",
            "com.amazonaws.services.lambda.runtime.events..", "graphql..")
        .check(mainClasses);
  }

  @Test
  void theHttpStatusOfADomainErrorIsDecidedOnlyInTheHttpPackage() {
    // The REST status of a domain error is decided in one place: Problems.
    noClasses().that().resideOutsideOfPackage("dev.blog.core.http..")
        .should().dependOnClassesThat().haveFullyQualifiedName("dev.blog.core.http.Problems")
        .check(mainClasses);
  }

  /** {@code <module>/target/classes} of every module below the project that has one. */
  private static List<Path> mainClassDirs(Path project) {
    try (Stream<Path> found = Files.find(project, 4, (path, attributes) -> attributes.isDirectory()
        && path.endsWith(Path.of("target", "classes")) && !path.startsWith(project.resolve("system-tests")))) {
      return found.filter(ArchitectureTest::hasClasses).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasClasses(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".class"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
