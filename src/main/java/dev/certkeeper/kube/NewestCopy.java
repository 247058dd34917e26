package dev.certkeeper.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;

/**
 * The newer of two copies of one object. JOSDK hands a reconciliation the copy its cache held when
 * the reconciliation was queued, and does not cache the controller's own status writes: a pass that
 * follows a write can be given the copy from before it while the cache, read a moment later, already
 * has the write. Decisions made on the older copy would undo what the previous pass did.
 */
public final class NewestCopy {
  private NewestCopy() {}

  /**
   * The newest copy of a reconciliation's primary resource: the one handed over, or a copy of the
   * cache's when that is newer (a copy: the reconciliation may change it, the cache's must not be).
   */
  public static <T extends HasMetadata> T in(T given, Context<T> context) {
    T newest = of(given, context.getPrimaryCache().get(ResourceID.fromResource(given)));
    return newest == given ? given : context.getClient().getKubernetesSerialization().clone(newest);
  }

  /**
   * {@code cached} when it is newer than {@code given}, else {@code given}. Resource versions are
   * compared as etcd revisions (numbers); one that is not a number counts as newer, as it cannot
   * be ordered and the cache moves only forward.
   */
  public static <T extends HasMetadata> T of(T given, Optional<T> cached) {
    return cached.filter(c -> newer(c, given)).orElse(given);
  }

  private static boolean newer(HasMetadata candidate, HasMetadata than) {
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
