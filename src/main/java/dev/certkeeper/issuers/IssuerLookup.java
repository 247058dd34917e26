package dev.certkeeper.issuers;

import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.certmanager.IssuerSpec;
import dev.certkeeper.api.certmanager.IssuerStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.kube.Conditions;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Supplier;

/** Finds the Issuer or ClusterIssuer an object refers to, and where that issuer's Secrets live. */
public final class IssuerLookup {
  private final KubernetesClient client;
  private final String clusterResourceNamespace;

  public IssuerLookup(KubernetesClient client, String clusterResourceNamespace) {
    this.client = client;
    this.clusterResourceNamespace = clusterResourceNamespace;
  }

  /**
   * The issuer as found: {@code issuer} is null when it does not exist; {@code described} names it
   * for messages; {@code secretNamespace} is where its Secrets are read.
   */
  public record Found(CustomResource<IssuerSpec, IssuerStatus> issuer, String described, String secretNamespace) {
    /** Why the issuer cannot be used yet (missing, or not Ready and why), or null when it can. */
    public String notReadyReason() {
      if (issuer == null) {
        return "Referenced " + described + " not found";
      }
      List<Condition> conditions = issuer.getStatus() == null ? null : issuer.getStatus().conditions();
      if (Conditions.isTrue(conditions, "Ready")) {
        return null;
      }
      String why = Conditions.find(conditions, "Ready").map(c -> ": " + c.reason() + ": " + c.message()).orElse(": it has no Ready condition yet");
      return "Referenced " + described + " is not ready" + why;
    }
  }

  /** Looks up the issuer {@code ref} names, for an object in {@code namespace}. */
  public Found find(IssuerReference ref, String namespace) {
    return find(
        ref, namespace, () -> client.resources(ClusterIssuer.class).withName(ref.name()).get(),
        () -> client.resources(Issuer.class).inNamespace(namespace).withName(ref.name()).get());
  }

  /** As {@link #find(IssuerReference, String)}, with the issuer read by the caller (from an informer's cache, say). */
  public Found find(IssuerReference ref, String namespace, Supplier<ClusterIssuer> clusterIssuer, Supplier<Issuer> issuer) {
    if (IssuerReference.CLUSTER_ISSUER.equals(ref.effectiveKind())) {
      return new Found(clusterIssuer.get(), "ClusterIssuer \"" + ref.name() + "\"", clusterResourceNamespace);
    }
    return new Found(issuer.get(), "Issuer \"" + namespace + "/" + ref.name() + "\"", namespace);
  }
}
