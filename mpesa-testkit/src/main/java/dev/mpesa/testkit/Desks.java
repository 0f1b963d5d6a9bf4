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
    C2bPayments c2bPayments = new C2bPayments();
    new C2bDesk(backend, c2bPayments).install(routes);
    new PullDesk(backend).install(routes);
    new QrDesk(backend).install(routes);
    new RatibaDesk(backend).install(routes);
    new B2bExpressDesk(backend).install(routes);
    new BillManagerDesk(backend, c2bPayments).install(routes);
  }
}
