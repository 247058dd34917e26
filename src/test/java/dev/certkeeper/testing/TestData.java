package dev.certkeeper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Small fixed inputs shared by tests. */
public final class TestData {
  private TestData() {}

  /** A real P-256 CSR for example.com, as base64 of its PEM, the way cert-manager stores requests. */
  public static String csrBase64() {
    try (InputStream pem = TestData.class.getResourceAsStream("/pki/example-com.csr.pem")) {
      return Base64.getEncoder().encodeToString(pem.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
