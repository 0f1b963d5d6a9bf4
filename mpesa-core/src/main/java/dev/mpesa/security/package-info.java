/**
 * Security helpers: {@link dev.mpesa.security.SecurityCredential}, the initiator password encrypted
 * with Safaricom's public key.
 */
package dev.mpesa.security;
