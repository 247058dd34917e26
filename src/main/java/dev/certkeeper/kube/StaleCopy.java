package dev.certkeeper.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies older than the cache's. JOSDK hands a reconciliation the copy its cache held when the
 * reconciliation was queued, and does not cache the controller's own status writes: a pass that
 * follows a write can be given the copy from before it while the cache, read a moment later,
 * already has the write. Such a pass must neither decide on its copy (it would undo what the last
 * pass did) nor write from it (JOSDK patches the status as a diff against the copy it handed over,
 * which the server no longer holds): it stops, and the next pass is handed the newer copy.
 */
public final class StaleCopy {
  /** How soon a pass that stopped on a stale copy runs again. */
  private static final Duration READ_AGAIN = Duration.ofMillis(200);

  private StaleCopy() {}

  /** Whether the cache holds a newer copy of the reconciliation's primary resource than {@code given}. */
  public static <T extends HasMetadata> boolean behindCache(T given, Context<T> context) {
    return context.getPrimaryCache().get(ResourceID.fromResource(given)).filter(cached -> newer(cached, given)).isPresent();
  }

  /** What a pass that stopped on a stale copy returns: no write, and another pass shortly. */
  public static <T extends HasMetadata> UpdateControl<T> readAgain() {
    return UpdateControl.<T>noUpdate().rescheduleAfter(READ_AGAIN);
  }

  /** {@code cached} when it is a newer copy of the same object than {@code given}, else {@code given}. */
  public static <T extends HasMetadata> T newest(T given, Optional<T> cached) {
    return cached.filter(c -> newer(c, given)).orElse(given);
  }

  /**
   * Whether {@code candidate} is a newer copy of the same object (same uid) than {@code than}.
   * Resource versions are compared as etcd revisions (numbers); one that is not a number counts as
   * newer when it differs, as it cannot be ordered and the cache moves only forward.
   */
  static boolean newer(HasMetadata candidate, HasMetadata than) {
    if (!Objects.equals(candidate.getMetadata().getUid(), than.getMetadata().getUid())) {
      return false;
    }
    String a = candidate.getMetadata().getResourceVersion();
    String b = than.getMetadata().getResourceVersion();
    if (a == null || a.equals(b)) {
      return false;
    }
    try {
      return b == null || Long.parseLong(a) > Long.parseLong(b);
    } catch (NumberFormatException opaque) {
      return true;
    }
  }
}
