package dev.certkeeper.certificates;

import dev.certkeeper.api.certmanager.CertificateRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses which old CertificateRequests of a Certificate to delete: all but the newest
 * {@code revisionHistoryLimit} that have finished. Requests without a revision, and any request
 * newer than the Certificate's current revision (an issuance in flight), are never chosen.
 */
public final class RevisionManager {
  private RevisionManager() {}

  /** The requests to delete, oldest first. */
  public static List<CertificateRequest> toDelete(List<CertificateRequest> owned, Integer currentRevision, int limit) {
    if (currentRevision == null) {
      return List.of();
    }
    List<CertificateRequest> finished =
        owned.stream()
            .filter(r -> revision(r).map(rev -> rev <= currentRevision).orElse(false))
            .sorted(Comparator.comparing(r -> revision(r).orElseThrow()))
            .toList();
    return finished.subList(0, Math.max(0, finished.size() - limit));
  }

  /** The revision a request was made for, from its annotation. */
  public static Optional<Integer> revision(CertificateRequest request) {
    Map<String, String> annotations = request.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(Annotations.CERTIFICATE_REVISION);
    try {
      return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
