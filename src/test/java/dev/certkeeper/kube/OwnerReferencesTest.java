package dev.certkeeper.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Controller references, made and recognised by uid. */
class OwnerReferencesTest {
  private static ConfigMap object(String name, String uid, OwnerReference... owners) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withUid(uid).withOwnerReferences(List.of(owners)).endMetadata().build();
  }

  @Test
  void anObjectIsControlledByTheOwnerOfItsControllerReference() {
    ConfigMap owner = object("owner", "uid-1");
    assertThat(OwnerReferences.isControlledBy(object("owned", "uid-2", OwnerReferences.controlledBy(owner)), owner)).isTrue();
  }

  @Test
  void aNamesakeOwnerWithAnotherUidDoesNotControlIt() {
    ConfigMap owner = object("owner", "uid-1");
    ConfigMap recreated = object("owner", "uid-3");
    assertThat(OwnerReferences.isControlledBy(object("owned", "uid-2", OwnerReferences.controlledBy(owner)), recreated)).isFalse();
  }

  @Test
  void anOwnerThatIsNotTheControllerDoesNotControlIt() {
    ConfigMap owner = object("owner", "uid-1");
    OwnerReference plain = new OwnerReferenceBuilder(OwnerReferences.controlledBy(owner)).withController(false).build();
    assertThat(OwnerReferences.isControlledBy(object("owned", "uid-2", plain), owner)).isFalse();
    assertThat(OwnerReferences.isControlledBy(object("unowned", "uid-4"), owner)).isFalse();
  }
}
