package dev.certkeeper.api.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

/** Addresses a test object in the test's namespace, or cluster-wide for a ClusterIssuer. */
final class Scoped {
  private Scoped() {}

  static <T extends HasMetadata> Resource<T> resource(KubernetesClient client, T object, String namespace) {
    return "ClusterIssuer".equals(object.getKind()) ? client.resource(object) : client.resource(object).inNamespace(namespace);
  }
}
