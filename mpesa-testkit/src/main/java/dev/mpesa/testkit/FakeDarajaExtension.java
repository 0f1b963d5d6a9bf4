package dev.mpesa.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a fresh {@link FakeDaraja} before each test, injects it into test
 * and {@code @BeforeEach} / {@code @AfterEach} method parameters, and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(FakeDarajaExtension.class)
 * class CheckoutTest {
 *   @Test
 *   void customerPays(FakeDaraja fake) { ... }
 * }
 *
 * // or, with settings, and the fake reachable from fields:
 * @RegisterExtension
 * final FakeDarajaExtension daraja =
 *     new FakeDarajaExtension(b -> b.customerResponseTime(Duration.ofMillis(20)));
 * ... daraja.fake() ...
 * }</pre>
 *
 * <p>Constructor parameters are not supported: the fake starts with each test, after the test
 * instance exists. Tests may run in parallel; each gets its own fake on its own port.
 */
public final class FakeDarajaExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeDarajaExtension.class);
  private static final String KEY = "fake";

  private final Consumer<FakeDaraja.Builder> settings;
  private final ThreadLocal<FakeDaraja> current = new ThreadLocal<>();

  /** Fakes with the default settings. */
  public FakeDarajaExtension() {
    this(b -> {});
  }

  /** Fakes configured by {@code settings} (called on a fresh builder before each test). */
  public FakeDarajaExtension(Consumer<FakeDaraja.Builder> settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The fake of the test running on this thread.
   *
   * @throws IllegalStateException outside a test
   */
  public FakeDaraja fake() {
    FakeDaraja fake = current.get();
    if (fake == null) {
      throw new IllegalStateException("no FakeDaraja outside a test: it starts before each test");
    }
    return fake;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    FakeDaraja.Builder builder = FakeDaraja.builder();
    settings.accept(builder);
    FakeDaraja fake = builder.start();
    context.getStore(NAMESPACE).put(KEY, fake);
    current.set(fake);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    current.remove();
    FakeDaraja fake = context.getStore(NAMESPACE).remove(KEY, FakeDaraja.class);
    if (fake != null) {
      fake.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeDaraja.class
        && parameter.getDeclaringExecutable() instanceof java.lang.reflect.Method;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakeDaraja fake = context.getStore(NAMESPACE).get(KEY, FakeDaraja.class);
    if (fake == null) {
      throw new IllegalStateException(
          "FakeDaraja is injected into test methods and @BeforeEach/@AfterEach methods only");
    }
    return fake;
  }
}
