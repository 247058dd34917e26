package dev.certkeeper.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/** Owner references from the object that creates and controls another, so deleting it cleans up. */
public final class OwnerReferences {
  private OwnerReferences() {}

  /** A controller reference to {@code owner}, which blocks the owner's foreground deletion. */
  public static OwnerReference controlledBy(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Whether {@code owner} is the controller of {@code object}, by uid, so a namesake created later is not taken for it. */
  public static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
    List<OwnerReference> references = object.getMetadata().getOwnerReferences();
    return references != null
        && references.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && owner.getMetadata().getUid().equals(r.getUid()));
  }
}
