package dev.certkeeper.issuers;

import dev.certkeeper.api.certmanager.Issuer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** The issuers controller: keeps each Issuer's Ready condition. */
@ControllerConfiguration(name = "issuers")
public final class IssuerReconciler implements Reconciler<Issuer> {
  private final IssuerReadinessLoop<Issuer> readiness;

  public IssuerReconciler(IssuerReadinessLoop<Issuer> readiness) {
    this.readiness = readiness;
  }

  @Override
  public List<EventSource<?, Issuer>> prepareEventSources(EventSourceContext<Issuer> context) {
    return List.of(CaSecretWatch.eventSource(Issuer.class, context, namespace -> true, (issuer, secret) -> issuer.getMetadata().getNamespace().equals(secret.getMetadata().getNamespace())));
  }

  @Override
  public UpdateControl<Issuer> reconcile(Issuer issuer, Context<Issuer> context) {
    return readiness.reconcile(issuer);
  }
}
