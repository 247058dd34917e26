package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.pki.ParsedRequest;
import java.util.Objects;

/** The CertificateRequest behind the current certificate, with its CSR as read or the error reading it. */
public record RequestState(CertificateRequest request, ParsedRequest csr, String csrError) {
  public RequestState {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(request.getSpec(), "request.spec");
    if ((csr != null) == (csrError != null)) {
      throw new IllegalArgumentException("give either the CSR or the error parsing the CSR");
    }
  }
}
