package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateRequest;
import java.security.PublicKey;
import java.util.Objects;

/** The CertificateRequest behind the current certificate, with its CSR's public key or parse error. */
public record RequestState(CertificateRequest request, PublicKey publicKey, String publicKeyError) {
  public RequestState {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(request.getSpec(), "request.spec");
    if ((publicKey != null) == (publicKeyError != null)) {
      throw new IllegalArgumentException("give either the CSR's public key or the error parsing the CSR");
    }
  }
}
