/**
 * Security helpers: {@link dev.mpesa.security.SecurityCredential} (the initiator password encrypted
 * with Safaricom's public key), and the defences Daraja does not provide for callbacks: {@link
 * dev.mpesa.security.CallbackUrlSigner} (per-request callback URLs carrying an HMAC token) and
 * {@link dev.mpesa.security.IpAllowList} (source-IP allow-list with trusted proxies).
 */
package dev.mpesa.security;
