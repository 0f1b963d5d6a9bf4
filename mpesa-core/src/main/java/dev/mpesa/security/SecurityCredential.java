package dev.mpesa.security;

import dev.mpesa.Environment;
import dev.mpesa.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The {@code SecurityCredential} Daraja asks for on B2C, B2B, tax, transaction status, account
 * balance and reversal: the initiator (API operator) password encrypted with the RSA public key of
 * Safaricom's M-Pesa certificate, PKCS#1 v1.5 padding, base64.
 *
 * <p>The SDK bundles Safaricom's sandbox and production certificates (only their public keys are
 * used; their printed validity dates have long passed and do not matter) and picks the one of the
 * client's environment. If Safaricom rotates its key, pass the new certificate ({@link
 * #encrypt(String, X509Certificate)}) or a credential made elsewhere ({@link #of(String)}).
 *
 * <p>PKCS#1 v1.5 is randomised: each encryption differs and all are valid, so a credential is made
 * once per client and reused. The password is never sent in clear, and neither the password nor the
 * credential is printed by {@link #toString()}. Immutable and thread-safe.
 */
public final class SecurityCredential {
  private final String value;

  private SecurityCredential(String value) {
    this.value = value;
  }

  /**
   * Encrypts {@code initiatorPassword} with the certificate bundled for {@code environment}.
   *
   * @throws IllegalArgumentException if the password is blank
   */
  public static SecurityCredential encrypt(String initiatorPassword, Environment environment) {
    return encrypt(initiatorPassword, certificate(environment));
  }

  /**
   * Encrypts {@code initiatorPassword} with the public key of {@code certificate} (its dates are
   * not checked: Safaricom's certificates are expired by date but their keys are current).
   *
   * @throws IllegalArgumentException if the password is blank or the key is not RSA
   */
  public static SecurityCredential encrypt(String initiatorPassword, X509Certificate certificate) {
    Checks.required(initiatorPassword, "initiatorPassword");
    Checks.required(certificate, "certificate");
    if (initiatorPassword.isBlank()) {
      throw new IllegalArgumentException("the initiator password is blank");
    }
    PublicKey key = certificate.getPublicKey();
    if (!"RSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          "the certificate's key is " + key.getAlgorithm() + ", Daraja's is RSA");
    }
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, key);
      byte[] encrypted = cipher.doFinal(initiatorPassword.getBytes(StandardCharsets.UTF_8));
      return new SecurityCredential(Base64.getEncoder().encodeToString(encrypted));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot encrypt the initiator password: " + e.getMessage(), e);
    }
  }

  /**
   * A credential made elsewhere (for example with the Daraja portal's encryption tool).
   *
   * @throws IllegalArgumentException if {@code base64} is blank or not base64
   */
  public static SecurityCredential of(String base64) {
    Checks.required(base64, "base64");
    String v = base64.strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("a SecurityCredential cannot be blank");
    }
    try {
      Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a SecurityCredential must be base64", e);
    }
    return new SecurityCredential(v);
  }

  /** Safaricom's M-Pesa certificate bundled for {@code environment}. */
  public static X509Certificate certificate(Environment environment) {
    Checks.required(environment, "environment");
    String resource = environment == Environment.PRODUCTION ? "production.cer" : "sandbox.cer";
    try (InputStream in = SecurityCredential.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the bundled certificate " + resource + " is missing");
      }
      return readCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an X.509 certificate, PEM or DER, such as the {@code .cer} files on the Daraja portal.
   *
   * @throws IllegalArgumentException if the bytes are not a certificate
   */
  public static X509Certificate readCertificate(InputStream in) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The base64 value for the {@code SecurityCredential} field. A secret: never log it. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "SecurityCredential[redacted]";
  }
}
