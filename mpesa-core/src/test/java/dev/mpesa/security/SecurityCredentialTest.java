package dev.mpesa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SecurityCredential against a test key pair and the bundled Safaricom certificates. */
class SecurityCredentialTest {

  static X509Certificate testCertificate() throws Exception {
    try (InputStream in =
        SecurityCredentialTest.class.getResourceAsStream("/security/test-cert.pem")) {
      return SecurityCredential.readCertificate(in);
    }
  }

  static PrivateKey testPrivateKey() throws Exception {
    try (InputStream in =
        SecurityCredentialTest.class.getResourceAsStream("/security/test-key.pk8")) {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(in.readAllBytes()));
    }
  }

  @Test
  void encrypt_roundTrip_decryptsToThePasswordWithPkcs1() throws Exception {
    SecurityCredential credential = SecurityCredential.encrypt("Safaricom123!!", testCertificate());

    byte[] cipherText = Base64.getDecoder().decode(credential.value());
    assertThat(cipherText).hasSize(256); // RSA-2048
    Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    cipher.init(Cipher.DECRYPT_MODE, testPrivateKey());
    assertThat(new String(cipher.doFinal(cipherText), StandardCharsets.UTF_8))
        .isEqualTo("Safaricom123!!");
  }

  @Test
  void encrypt_twice_differsButBothDecrypt() throws Exception {
    SecurityCredential a = SecurityCredential.encrypt("pw#1", testCertificate());
    SecurityCredential b = SecurityCredential.encrypt("pw#1", testCertificate());

    assertThat(a.value()).isNotEqualTo(b.value());
  }

  @ParameterizedTest
  @CsvSource({
    "SANDBOX, bc1aba1eb634213496663c5e5b69dcda742acc8d5c2bd25eccb16e1caf66e8dc, apicrypt.safaricom.co.ke",
    "PRODUCTION, 085bf508c873dd7d69361796925d10f87b59d3f0147d148f46103c1df6464c45, apigee.apicaller.safaricom.co.ke"
  })
  void certificate_bundled_matchesThePublishedFingerprints(
      Environment environment, String spkiSha256, String commonName) throws Exception {
    X509Certificate cert = SecurityCredential.certificate(environment);

    byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
    assertThat(HexFormat.of().formatHex(digest)).isEqualTo(spkiSha256);
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + commonName);
  }

  @Test
  void certificate_productionNeverUsesTheSandboxKey() {
    assertThat(SecurityCredential.certificate(Environment.PRODUCTION).getPublicKey())
        .isNotEqualTo(SecurityCredential.certificate(Environment.SANDBOX).getPublicKey());
  }

  @Test
  void encrypt_withBundledCertificate_givesA344CharacterCredential() {
    assertThat(SecurityCredential.encrypt("pw", Environment.SANDBOX).value()).hasSize(344);
  }

  @Test
  void of_readyMadeCredential_isKeptAndValidated() {
    assertThat(SecurityCredential.of(" QUJD ").value()).isEqualTo("QUJD");
    assertThatThrownBy(() -> SecurityCredential.of("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecurityCredential.of(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encrypt_blankPassword_isRejected() throws Exception {
    X509Certificate cert = testCertificate();
    assertThatThrownBy(() -> SecurityCredential.encrypt(" ", cert))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_neverShowsTheCredential() throws Exception {
    SecurityCredential credential = SecurityCredential.encrypt("pw", testCertificate());
    assertThat(credential.toString()).doesNotContain(credential.value()).doesNotContain("pw");
  }

  @Test
  void readCertificate_garbage_isRejected() {
    assertThatThrownBy(
            () ->
                SecurityCredential.readCertificate(
                    new java.io.ByteArrayInputStream("nope".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
