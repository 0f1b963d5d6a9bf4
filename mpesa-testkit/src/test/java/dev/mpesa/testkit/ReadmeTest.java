package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The README cannot drift from the code: every {@code ```java} block of {@code README.md} is
 * compiled exactly as printed (its own imports included), and the block that is a JUnit test class
 * is run. A block that is a fragment is compiled as the body of a method; the names it uses but
 * does not declare are listed in an HTML comment just above it, which GitHub does not show:
 *
 * <pre>{@code
 * <!-- given: MpesaClient mpesa; String checkoutRequestId; void fulfil(Object order) -->
 * }</pre>
 *
 * Entries with parentheses become abstract methods of the wrapping class, the others parameters of
 * the method. The dependency snippets must name the project's version.
 */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern BLOCK =
      Pattern.compile("(?:<!-- given: (.*?) -->[ \\t]*\\n)?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]+;\\s*$");

  record Block(int number, String given, String code) {
    boolean isClass() {
      return Pattern.compile("(?m)^(@\\w+.*\\n)*(public )?(final )?class \\w+")
          .matcher(code)
          .find();
    }

    String className() {
      Matcher m = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)").matcher(code);
      return m.find() ? m.group(1) : "ReadmeSnippet" + number;
    }

    /** The compilation unit: the block itself, or the block wrapped in a method. */
    String source() {
      if (isClass()) {
        return code;
      }
      StringBuilder imports = new StringBuilder();
      Matcher m = IMPORT.matcher(code);
      while (m.find()) {
        imports.append(m.group().strip()).append('\n');
      }
      String body = IMPORT.matcher(code).replaceAll("");
      List<String> params = new ArrayList<>();
      StringBuilder methods = new StringBuilder();
      if (given != null) {
        for (String entry : given.split(";")) {
          String e = entry.strip();
          if (e.isEmpty()) {
            continue;
          }
          if (e.contains("(")) {
            methods.append("  abstract ").append(e).append(";\n");
          } else {
            params.add(e);
          }
        }
      }
      return imports
          + "abstract class "
          + className()
          + " {\n"
          + methods
          + "  void run("
          + String.join(", ", params)
          + ") throws Exception {\n"
          + body
          + "\n  }\n}\n";
    }
  }

  static List<Block> blocks() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(new Block(blocks.size() + 1, m.group(1), m.group(2)));
    }
    return blocks;
  }

  @Test
  void everyJavaBlock_compilesAsPrinted_andTheJUnitTestPasses(@TempDir Path dir) throws Exception {
    List<Block> blocks = blocks();
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
    List<Path> sources = new ArrayList<>();
    for (Block block : blocks) {
      Path file = dir.resolve("src" + block.number()).resolve(block.className() + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, block.source(), StandardCharsets.UTF_8);
      sources.add(file);
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of("-classpath", classpath, "-d", classes.toString(), "-proc:none"),
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
    }
    StringBuilder errors = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors
            .append("\nREADME block in ")
            .append(d.getSource() == null ? "?" : d.getSource().getName())
            .append(" line ")
            .append(d.getLineNumber())
            .append(": ")
            .append(d.getMessage(null));
      }
    }
    assertThat(compiled).as("README.md Java blocks compile:%s", errors).isTrue();

    List<Block> tests = blocks.stream().filter(Block::isClass).toList();
    assertThat(tests).as("the README's JUnit test").hasSize(1);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> test = loader.loadClass(tests.get(0).className());
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      Launcher launcher = LauncherFactory.create();
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectClass(test)).build(), listener);
      TestExecutionSummary summary = listener.getSummary();
      StringBuilder failures = new StringBuilder();
      summary.getFailures().forEach(f -> failures.append('\n').append(f.getException()));
      assertThat(summary.getTestsSucceededCount())
          .as("the README's JUnit test passes:%s", failures)
          .isEqualTo(summary.getTestsFoundCount())
          .isPositive();
    }
  }

  @Test
  void dependencySnippets_nameTheProjectsVersion() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    Matcher parent = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
    assertThat(parent.find()).isTrue();
    String version = parent.group(1);
    Matcher dependency =
        Pattern.compile("<artifactId>(mpesa-[a-z-]+)</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(readme);
    int found = 0;
    while (dependency.find()) {
      found++;
      assertThat(dependency.group(2)).as(dependency.group(1)).isEqualTo(version);
    }
    assertThat(found).isGreaterThanOrEqualTo(2);
  }
}
