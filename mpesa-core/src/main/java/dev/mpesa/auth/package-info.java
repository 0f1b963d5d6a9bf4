/**
 * Access tokens: {@link dev.mpesa.auth.AccessToken} and the {@link dev.mpesa.auth.TokenStore} SPI
 * that lets several clients or JVMs share one token per Daraja app. The client refreshes tokens by
 * itself: single-flight, ahead of expiry, and once after Daraja rejects one.
 */
package dev.mpesa.auth;
