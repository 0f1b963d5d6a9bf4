package dev.mpesa.internal.http;

import java.util.Objects;

/**
 * One Daraja endpoint as the transport sees it.
 *
 * @param name a stable name for logs and exceptions, such as {@code stk.push}
 * @param path the path under the base URL
 * @param idempotency what may be resent
 * @param group the circuit-breaker group (OAuth and each product family have their own); the name
 *     is the group itself or starts with it and a dot ({@code stk.push} is in {@code stk})
 */
public record Operation(String name, String path, IdempotencyClass idempotency, String group) {

  /** OAuth: {@code GET /oauth/v1/generate?grant_type=client_credentials}. */
  public static final Operation OAUTH =
      new Operation(
          "oauth",
          "/oauth/v1/generate?grant_type=client_credentials",
          IdempotencyClass.SAFE,
          "oauth");

  /** Checks the parts. */
  public Operation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(idempotency, "idempotency");
    Objects.requireNonNull(group, "group");
    if (!inGroup(name, group)) {
      throw new IllegalArgumentException(name + " must be named after its group " + group);
    }
  }

  /** Whether an operation called {@code name} belongs to {@code group}. */
  public static boolean inGroup(String name, String group) {
    return name.equals(group) || name.startsWith(group + ".");
  }
}
