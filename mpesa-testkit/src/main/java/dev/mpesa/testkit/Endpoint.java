package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/** One Daraja API path: answers a request with the 200 body, or throws a {@link Rejection}. */
@FunctionalInterface
interface Endpoint {
  JsonNode handle(Exchange exchange);
}
