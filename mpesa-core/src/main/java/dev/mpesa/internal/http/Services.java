package dev.mpesa.internal.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How {@code MpesaClient} makes the product services without a public constructor that takes an
 * internal type: each service class registers its package-private constructor here as it loads, and
 * {@link #create} loads the class (so that it registers) and calls it.
 */
public final class Services {
  private static final Map<Class<?>, Function<Pipeline, ?>> FACTORIES = new ConcurrentHashMap<>();

  private Services() {}

  /** Called once by each service class, from its static initialiser. */
  public static <S> void register(Class<S> type, Function<Pipeline, S> factory) {
    FACTORIES.putIfAbsent(type, factory);
  }

  /**
   * A new {@code type} service sending through {@code pipeline}.
   *
   * @throws IllegalStateException if {@code type} registers no factory
   */
  public static <S> S create(Class<S> type, Pipeline pipeline) {
    Function<Pipeline, ?> factory = FACTORIES.get(type);
    if (factory == null) {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      factory = FACTORIES.get(type);
      if (factory == null) {
        throw new IllegalStateException(type.getName() + " registers no factory");
      }
    }
    return type.cast(factory.apply(pipeline));
  }
}
