package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.Condition;
import java.util.List;

/** The observed state of a Certificate. Times are RFC 3339 strings, as cert-manager writes them. */
@ApiType
public record CertificateStatus(
    List<Condition> conditions,
    String lastFailureTime,
    String notBefore,
    String notAfter,
    String renewalTime,
    Integer revision,
    String nextPrivateKeySecretName,
    Integer failedIssuanceAttempts,
    CertificateAcmeStatus acme) {}
