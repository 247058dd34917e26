package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.kube.Conditions;

/** Whether asking the issuer again, unchanged, can bring a different answer: it decides how long a failed issuance waits. */
public enum IssuanceFailure {
  /** The issuer may sign next time (a CA outage, a challenge that did not validate): the doubling back-off. */
  RETRYABLE,
  /**
   * The issuer refused the request as it is (an ACME CA's rejectedIdentifier, caa, unauthorized,
   * malformed...): asking again soon only adds load, so the next attempt waits at the back-off ceiling.
   */
  REFUSED;

  /**
   * The kind of failure a failed CertificateRequest records: refused when it carries
   * {@code InvalidRequest=True}, the condition by which an issuer says it will not sign the request
   * as it is (cert-manager's issuing controller fails the issuance on it too).
   */
  public static IssuanceFailure of(CertificateRequest request) {
    return request.getStatus() != null && Conditions.isTrue(request.getStatus().conditions(), "InvalidRequest") ? REFUSED : RETRYABLE;
  }
}
