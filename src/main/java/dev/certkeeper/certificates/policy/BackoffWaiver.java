package dev.certkeeper.certificates.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a failed issuance may be retried before its back-off ends because its issuer changed
 * since the failed attempt. The back-off protects the CA from a request that will fail again; once
 * someone has edited the issuer (a new solver, a fixed profile or server), the next attempt may
 * succeed, and waiting up to the ceiling for it would leave the certificate stuck for no reason.
 * cert-manager waits; certkeeper retries at once. (A change of the Certificate's own spec is
 * handled beside this, through its generation.)
 */
public final class BackoffWaiver {
  private BackoffWaiver() {}

  /**
   * @param generationAtFailure the issuer's metadata.generation recorded on the failed request, if any
   * @param generationNow the issuer's generation now, or null when it is not known (not found)
   * @param issuer how the issuer is named in messages, e.g. {@code ClusterIssuer "letsencrypt"}
   * @return why the back-off is waived, or empty to keep it
   */
  public static Optional<String> issuerChanged(Optional<String> generationAtFailure, Long generationNow, String issuer) {
    if (generationAtFailure.isEmpty() || generationNow == null) {
      return Optional.empty();
    }
    return Objects.equals(generationAtFailure.get(), Long.toString(generationNow))
        ? Optional.empty()
        : Optional.of(issuer + " changed since the failed attempt (generation " + generationAtFailure.get() + " to " + generationNow + ")");
  }
}
