package dev.mpesa.testkit;

/**
 * How each product says "your bearer token is not accepted": five codes across the APIs (API.md
 * §2).
 */
enum TokenError {
  /** STK, reversal, QR, Ratiba, B2B express, Bill Manager: HTTP 404 {@code 404.001.03}. */
  NOT_FOUND(404, "404.001.03", "Invalid Access Token"),
  /** C2B and transaction status: HTTP 400 {@code 400.003.01}. */
  BAD_REQUEST(400, "400.003.01", "Invalid Access Token"),
  /** B2C, B2B, tax, account balance: HTTP 401 {@code 401.002.01}, echoing the token. */
  UNAUTHORIZED(401, "401.002.01", "Error Occurred - Invalid Access Token - "),
  /** Pull Transactions: HTTP 401 {@code 401.001}. */
  PULL(401, "401.001", "Invalid Access Token");

  final int httpStatus;
  final String errorCode;
  final String message;

  TokenError(int httpStatus, String errorCode, String message) {
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.message = message;
  }

  Rejection rejection(String token) {
    String text = this == UNAUTHORIZED ? message + (token == null ? "" : token) : message;
    return new Rejection(httpStatus, errorCode, text);
  }
}
