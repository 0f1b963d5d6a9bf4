package dev.mpesa.testkit;

/** Installs every product's endpoints. */
final class Desks {
  private Desks() {}

  static void install(Routes routes, Backend backend) {
    new StkDesk(backend).install(routes);
    // One view of the short codes' accounts for every desk that pays out of them.
    Balances balances = new Balances(backend.ledger);
    new B2cDesk(backend, balances).install(routes);
    new B2bDesk(backend, balances).install(routes);
    new AccountDesk(backend, balances).install(routes);
  }
}
