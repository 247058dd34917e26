package dev.certkeeper.issuers;

import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.certmanager.IssuerSpec;
import dev.certkeeper.api.certmanager.IssuerStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.kube.Conditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the Issuer or ClusterIssuer an object refers to, and where that issuer's Secrets live. Each
 * controller that needs issuers watches them with informers named {@link #ISSUERS} and
 * {@link #CLUSTER_ISSUERS}, and reads them from there: no API request per reconciliation, and the
 * arrival or change of an issuer wakes what waits on it.
 */
public final class IssuerLookup {
  /** The name of a controller's Issuer informer. */
  public static final String ISSUERS = "issuers";
  /** The name of a controller's ClusterIssuer informer. */
  public static final String CLUSTER_ISSUERS = "clusterissuers";

  private final String clusterResourceNamespace;

  public IssuerLookup(String clusterResourceNamespace) {
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

  /**
   * The {@link #ISSUERS} and {@link #CLUSTER_ISSUERS} informers of a controller whose objects refer
   * to an issuer through {@code ref}: an issuer's arrival or change wakes the cached objects that
   * refer to it and are not {@code done}.
   */
  public static <P extends HasMetadata> List<EventSource<?, P>> informers(
      EventSourceContext<P> context, Class<P> type, Function<P, IssuerReference> ref, Predicate<P> done) {
    var issuers =
        InformerEventSourceConfiguration.from(Issuer.class, type)
            .withName(ISSUERS)
            .withSecondaryToPrimaryMapper(issuer -> waiting(context, ref, done, IssuerReference.ISSUER, issuer))
            .build();
    var clusterIssuers =
        InformerEventSourceConfiguration.from(ClusterIssuer.class, type)
            .withName(CLUSTER_ISSUERS)
            .withSecondaryToPrimaryMapper(issuer -> waiting(context, ref, done, IssuerReference.CLUSTER_ISSUER, issuer))
            .build();
    return List.of(new InformerEventSource<>(issuers, context), new InformerEventSource<>(clusterIssuers, context));
  }

  private static <P extends HasMetadata> Set<ResourceID> waiting(
      EventSourceContext<P> context, Function<P, IssuerReference> ref, Predicate<P> done, String kind, HasMetadata issuer) {
    String namespace = issuer.getMetadata().getNamespace();
    String name = issuer.getMetadata().getName();
    return context.getPrimaryCache().list()
        .filter(p -> !done.test(p))
        .filter(p -> kind.equals(ref.apply(p).effectiveKind()) && name.equals(ref.apply(p).name()))
        .filter(p -> namespace == null || namespace.equals(p.getMetadata().getNamespace()))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** The issuer {@code ref} names, for an object in {@code namespace}, from the informers of the controller whose event sources are given. */
  @SuppressWarnings("unchecked")
  public Found cached(IssuerReference ref, String namespace, EventSourceRetriever<?> eventSources) {
    return find(
        ref, namespace,
        () -> ((InformerEventSource<ClusterIssuer, ?>) eventSources.getEventSourceFor(ClusterIssuer.class, CLUSTER_ISSUERS))
            .get(new ResourceID(ref.name())).orElse(null),
        () -> ((InformerEventSource<Issuer, ?>) eventSources.getEventSourceFor(Issuer.class, ISSUERS))
            .get(new ResourceID(ref.name(), namespace)).orElse(null));
  }

  private Found find(IssuerReference ref, String namespace, Supplier<ClusterIssuer> clusterIssuer, Supplier<Issuer> issuer) {
    if (IssuerReference.CLUSTER_ISSUER.equals(ref.effectiveKind())) {
      return new Found(clusterIssuer.get(), "ClusterIssuer \"" + ref.name() + "\"", clusterResourceNamespace);
    }
    return new Found(issuer.get(), "Issuer \"" + namespace + "/" + ref.name() + "\"", namespace);
  }
}
