package dev.certkeeper.acme;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The waits a controller last wrote into its objects' {@code status.retryAfter}, by object uid,
 * read beside the status a pass is handed. JOSDK does not put a controller's own status writes in
 * its cache, so a pass that follows a write closely (another Challenge changed) can be handed the
 * copy from before it, where no wait is recorded yet, and would ask the CA again at once. The
 * status stays the record (a restart reads it); this only closes that window.
 */
public final class RecordedWaits {
  private final Map<String, Instant> byUid = new ConcurrentHashMap<>();

  /** Remembers the wait a pass is about to write for the object (null: none, forgetting any). */
  public void written(HasMetadata object, String retryAfter) {
    String uid = object.getMetadata().getUid();
    if (uid == null) {
      return;
    }
    if (retryAfter == null) {
      byUid.remove(uid);
    } else {
      byUid.put(uid, Instant.parse(retryAfter));
    }
  }

  /** How long the CA must still not be asked about the object: the later of its status's wait and the one last written. */
  public Optional<Duration> remaining(HasMetadata object, String statusRetryAfter, Instant now) {
    Optional<Duration> recorded = NotBefore.remaining(statusRetryAfter, now);
    String uid = object.getMetadata().getUid();
    Instant written = uid == null ? null : byUid.get(uid);
    if (written == null) {
      return recorded;
    }
    Duration left = Duration.between(now, written);
    if (left.isNegative() || left.isZero()) {
      byUid.remove(uid, written);
      return recorded;
    }
    return recorded.filter(r -> r.compareTo(left) > 0).or(() -> Optional.of(left));
  }
}
