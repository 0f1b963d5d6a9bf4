package dev.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the public API: every public or protected type, constructor, method and field of the
 * packages {@code module-info.java} exports, one line each, must match the committed {@code
 * api/mpesa-core.api}, so that a change to the surface is a visible diff in review. To accept a
 * change, run {@code mvn -pl mpesa-core test -Dtest=ApiSurfaceTest -Dmpesa.api.update=true} and
 * commit the file. No line may mention {@code dev.mpesa.internal}.
 */
class ApiSurfaceTest {
  private static final Path MODULE_INFO = Path.of("src/main/java/module-info.java");
  private static final Path CLASSES = Path.of("target/classes");
  private static final Path DUMP = Path.of("api/mpesa-core.api");
  private static final Pattern EXPORTS = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;");

  @Test
  void publicApi_matchesTheCommittedDump() throws Exception {
    String actual = String.join("\n", dump()) + "\n";
    if (Boolean.getBoolean("mpesa.api.update")) {
      Files.createDirectories(DUMP.getParent());
      Files.writeString(DUMP, actual, StandardCharsets.UTF_8);
    }
    String expected = Files.exists(DUMP) ? Files.readString(DUMP, StandardCharsets.UTF_8) : "";
    assertThat(actual)
        .as(
            "the public API changed: if that is meant, run mvn -pl mpesa-core test"
                + " -Dtest=ApiSurfaceTest -Dmpesa.api.update=true and commit %s",
            DUMP)
        .isEqualTo(expected);
  }

  @Test
  void noExportedSignature_mentionsAnInternalType() throws Exception {
    assertThat(dump()).noneMatch(line -> line.contains("dev.mpesa.internal"));
  }

  static List<String> exportedPackages() throws IOException {
    List<String> packages = new ArrayList<>();
    Matcher m = EXPORTS.matcher(Files.readString(MODULE_INFO, StandardCharsets.UTF_8));
    while (m.find()) {
      packages.add(m.group(1));
    }
    return packages;
  }

  static TreeSet<String> dump() throws Exception {
    TreeSet<String> lines = new TreeSet<>();
    for (String pkg : exportedPackages()) {
      Path dir = CLASSES.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (!name.endsWith(".class") || name.equals("package-info.class")) {
            continue;
          }
          Class<?> type =
              Class.forName(
                  pkg + "." + name.substring(0, name.length() - 6),
                  false,
                  ApiSurfaceTest.class.getClassLoader());
          if (isVisible(type)) {
            describe(type, lines);
          }
        }
      }
    }
    return lines;
  }

  /** Public, and (if nested) inside public types all the way out. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static void describe(Class<?> type, TreeSet<String> lines) {
    String name = type.getName();
    StringBuilder head = new StringBuilder(type.toGenericString());
    if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class) {
      head.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    if (type.getGenericInterfaces().length > 0) {
      head.append(" implements ");
      for (int i = 0; i < type.getGenericInterfaces().length; i++) {
        head.append(i == 0 ? "" : ", ").append(type.getGenericInterfaces()[i].getTypeName());
      }
    }
    lines.add(name + " | " + head);
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (isApi(c)) {
        lines.add(name + " | " + c.toGenericString());
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (isApi(m) && !m.isBridge()) {
        lines.add(name + " | " + m.toGenericString());
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (isApi(f)) {
        lines.add(name + " | " + f.toGenericString());
      }
    }
  }

  private static boolean isApi(Member member) {
    int mod = member.getModifiers();
    return !member.isSynthetic() && (Modifier.isPublic(mod) || Modifier.isProtected(mod));
  }
}
