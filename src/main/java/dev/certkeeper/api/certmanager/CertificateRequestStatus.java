package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import java.util.List;

/** The outcome of a CertificateRequest: the signed chain and CA as base64 PEM, or a failure. */
@ApiType
public record CertificateRequestStatus(
    List<CertificateRequestCondition> conditions, String certificate, String ca, String failureTime) {}
