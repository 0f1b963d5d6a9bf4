package dev.mpesa.testkit;

/** Installs every product's endpoints. */
final class Desks {
  private Desks() {}

  static void install(Routes routes, Backend backend) {
    new StkDesk(backend).install(routes);
  }
}
