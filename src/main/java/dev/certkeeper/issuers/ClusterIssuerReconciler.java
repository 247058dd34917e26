package dev.certkeeper.issuers;

import dev.certkeeper.api.certmanager.ClusterIssuer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** The clusterissuers controller: keeps each ClusterIssuer's Ready condition. */
@ControllerConfiguration(name = "clusterissuers")
public final class ClusterIssuerReconciler implements Reconciler<ClusterIssuer> {
  private final IssuerReadinessLoop<ClusterIssuer> readiness;
  private final String clusterResourceNamespace;

  public ClusterIssuerReconciler(IssuerReadinessLoop<ClusterIssuer> readiness, String clusterResourceNamespace) {
    this.readiness = readiness;
    this.clusterResourceNamespace = clusterResourceNamespace;
  }

  @Override
  public List<EventSource<?, ClusterIssuer>> prepareEventSources(EventSourceContext<ClusterIssuer> context) {
    return List.of(CaSecretWatch.eventSource(ClusterIssuer.class, context, clusterResourceNamespace::equals, (issuer, secret) -> true));
  }

  @Override
  public UpdateControl<ClusterIssuer> reconcile(ClusterIssuer issuer, Context<ClusterIssuer> context) {
    return readiness.reconcile(issuer);
  }
}
