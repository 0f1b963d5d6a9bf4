/**
 * The M-Pesa Daraja SDK: a client for Safaricom's Daraja API and a parser for the callbacks it
 * sends. Start with {@link dev.mpesa.MpesaClient#builder()}.
 */
module dev.mpesa {
  requires transitive okhttp3;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.retry;

  exports dev.mpesa;
  exports dev.mpesa.auth;
  exports dev.mpesa.stk;
  exports dev.mpesa.b2c;
  exports dev.mpesa.b2b;
  exports dev.mpesa.c2b;
  exports dev.mpesa.pull;
  exports dev.mpesa.account;
  exports dev.mpesa.qr;
  exports dev.mpesa.ratiba;
  exports dev.mpesa.billmanager;
  exports dev.mpesa.callback;
  exports dev.mpesa.phone;
  exports dev.mpesa.result;
  exports dev.mpesa.error;
  exports dev.mpesa.security;

  // The testkit builds the SDK's exceptions for users' tests (TestErrors) through the internal
  // factory; no other module may.
  exports dev.mpesa.internal to
      dev.mpesa.testkit;

  // Jackson binds the public wire records reflectively; internal packages stay unexported.
  opens dev.mpesa.stk to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.b2c to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.b2b to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.c2b to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.pull to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.account to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.qr to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.ratiba to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.billmanager to
      com.fasterxml.jackson.databind;
  opens dev.mpesa.internal.wire to
      com.fasterxml.jackson.databind;
  // Result records (Acknowledgement) are read by Jackson too.
  opens dev.mpesa.result to
      com.fasterxml.jackson.databind;
}
