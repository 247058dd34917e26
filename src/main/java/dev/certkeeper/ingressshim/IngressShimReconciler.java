package dev.certkeeper.ingressshim;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.kube.ApiErrors;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.kube.OwnerReferences;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress-shim controller: keeps one Certificate per TLS entry of each annotated Ingress,
 * controlled by the Ingress. Each reconciliation reads the Ingress and the cached Certificates,
 * asks {@link IngressCertificates} what the Ingress wants, and writes only the difference: creates
 * what is missing, updates what drifted, deletes what the Ingress no longer names. A bad Ingress
 * gets a BadConfig Warning per problem and no writes, so a bad edit never costs a working Certificate.
 */
// Not generation-aware: annotations and labels, which drive everything here, do not change the generation.
@ControllerConfiguration(name = "ingress-shim", generationAwareEventProcessing = false)
public final class IngressShimReconciler implements Reconciler<Ingress> {
  private static final Logger LOG = LoggerFactory.getLogger(IngressShimReconciler.class);
  private static final String INGRESS_API_VERSION = HasMetadata.getApiVersion(Ingress.class);
  private static final String INGRESS_KIND = HasMetadata.getKind(Ingress.class);
  /** Index of the Ingresses by namespace/secretName of each TLS entry. */
  private static final String BY_SECRET_NAME = "tls-secret-names";

  private final KubernetesClient client;
  private final IngressShimOptions options;
  private final EventRecorder events;
  private final Set<String> managedAnnotations;

  public IngressShimReconciler(KubernetesClient client, IngressShimOptions options, EventRecorder events) {
    this.client = client;
    this.options = options;
    this.events = events;
    this.managedAnnotations = IngressCertificates.managedAnnotations(options);
  }

  /**
   * Whether an Ingress event is worth a reconciliation: only Ingresses that ask for Certificates,
   * so the many that do not cost no work beyond the informer's cache.
   */
  public boolean asksForCertificates(Ingress ingress) {
    return IngressCertificates.requested(ingress, options);
  }

  @Override
  public List<EventSource<?, Ingress>> prepareEventSources(EventSourceContext<Ingress> context) {
    IndexerResourceCache<Ingress> ingresses = context.getPrimaryCache();
    ingresses.addIndexer(
        BY_SECRET_NAME,
        ingress -> IngressCertificates.secretNames(ingress).stream().map(name -> ingress.getMetadata().getNamespace() + "/" + name).toList());
    var certificates =
        InformerEventSourceConfiguration.from(Certificate.class, Ingress.class)
            .withName("certificates")
            .withSecondaryToPrimaryMapper(certificate -> ingressesOf(certificate, ingresses))
            .build();
    return List.of(new InformerEventSource<>(certificates, context));
  }

  /**
   * The Ingress controlling a Certificate, so a hand edit or deletion is put right; and the
   * Ingresses naming its Secret, so one whose Certificate was someone else's takes over once that is gone.
   */
  private static Set<ResourceID> ingressesOf(Certificate certificate, IndexerResourceCache<Ingress> ingresses) {
    String namespace = certificate.getMetadata().getNamespace();
    Set<ResourceID> ids = new HashSet<>();
    controller(certificate).ifPresent(owner -> ids.add(new ResourceID(owner.getName(), namespace)));
    ingresses.byIndex(BY_SECRET_NAME, namespace + "/" + certificate.getMetadata().getName()).forEach(i -> ids.add(ResourceID.fromResource(i)));
    return ids;
  }

  private static Optional<OwnerReference> controller(Certificate certificate) {
    return Optional.ofNullable(certificate.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()) && INGRESS_KIND.equals(o.getKind()) && INGRESS_API_VERSION.equals(o.getApiVersion()))
        .findFirst();
  }

  @Override
  public UpdateControl<Ingress> reconcile(Ingress ingress, Context<Ingress> context) {
    // A Certificate event can bring an Ingress here that no longer asks for anything: leave its Certificates be, as cert-manager does.
    if (!asksForCertificates(ingress) || IngressCertificates.beingDeleted(ingress)) {
      return UpdateControl.noUpdate();
    }
    String name = ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
    DesiredCertificates desired = IngressCertificates.derive(ingress, options);
    desired.warnings().forEach(warning -> events.warning(ingress, "BadConfig", warning));
    if (desired.isBad()) {
      desired.problems().forEach(problem -> events.warning(ingress, "BadConfig", problem));
      LOG.info("Ingress {}: not writing Certificates: {}", name, String.join("; ", desired.problems()));
      return UpdateControl.noUpdate();
    }
    InformerEventSource<Certificate, Ingress> cache = (InformerEventSource<Certificate, Ingress>) context.eventSourceRetriever().getEventSourceFor(Certificate.class);
    boolean allWritten = true;
    for (Certificate certificate : desired.certificates()) {
      allWritten &= ensure(ingress, name, certificate, cache);
    }
    allWritten &= deleteUnrequired(ingress, name, cache);
    // A refused write is tried again: a quota or an admission policy can be lifted without the Ingress changing.
    return allWritten ? UpdateControl.noUpdate() : UpdateControl.<Ingress>noUpdate().rescheduleAfter(ApiErrors.RETRY);
  }

  /**
   * Runs one write for this Ingress. One the API server refuses (a quota, an admission policy, a
   * Certificate its CRD rejects) gets a Warning on the Ingress and does not stop the writes for its
   * other TLS entries; false tells the caller to try again.
   */
  private boolean written(Ingress ingress, String name, String what, Runnable write) {
    try {
      write.run();
      return true;
    } catch (KubernetesClientException e) {
      // A conflict, or a create of what the cache has not shown yet: the SDK's retry reads again at once.
      if (ApiErrors.isConflict(e) || ApiErrors.isAlreadyExists(e)) {
        throw e;
      }
      String message = "could not " + what + ": " + ApiErrors.describe(e);
      events.warning(ingress, ApiErrors.REASON, message);
      LOG.info("Ingress {}: {}", name, message);
      return false;
    }
  }

  /** Creates or updates one wanted Certificate; false when the API server refused the write. */
  private boolean ensure(Ingress ingress, String name, Certificate desired, InformerEventSource<Certificate, Ingress> cache) {
    ResourceID id = ResourceID.fromResource(desired);
    Optional<Certificate> existing = cache.get(id);
    String certificateName = "Certificate \"" + desired.getMetadata().getName() + "\"";
    if (existing.isEmpty()) {
      return written(ingress, name, "create " + certificateName, () -> {
        Certificate created = client.resource(desired).create();
        // Cached at once, so a reconciliation before the watch delivers it does not create it twice.
        cache.handleRecentResourceCreate(id, created);
        events.normal(ingress, "CreateCertificate", "Successfully created " + certificateName);
        LOG.info("Ingress {}: created Certificate {}", name, desired.getMetadata().getName());
      });
    } else if (!OwnerReferences.isControlledBy(existing.get(), ingress)) {
      events.warning(
          ingress,
          "CertificateNotOwned",
          certificateName + " exists and is not controlled by this Ingress, so it is left alone:"
              + " use another secretName, or delete that Certificate to have this Ingress manage it");
    } else if (existing.get().getMetadata().getDeletionTimestamp() == null) {
      Optional<Certificate> update = CertificateChanges.update(existing.get(), desired, managedAnnotations);
      if (update.isPresent()) {
        return written(ingress, name, "update " + certificateName, () -> {
          Certificate updated = client.resource(update.get()).update();
          cache.handleRecentResourceUpdate(id, updated, existing.get());
          events.normal(ingress, "UpdateCertificate", "Successfully updated " + certificateName);
          LOG.info("Ingress {}: updated Certificate {}", name, desired.getMetadata().getName());
        });
      }
    }
    return true;
  }

  /** Deletes the Certificates this Ingress controls whose Secret none of its TLS entries names any more; false when a delete was refused. */
  private boolean deleteUnrequired(Ingress ingress, String name, InformerEventSource<Certificate, Ingress> cache) {
    Set<String> required = Set.copyOf(IngressCertificates.secretNames(ingress));
    List<Certificate> unrequired =
        cache.list(ingress.getMetadata().getNamespace(), c -> OwnerReferences.isControlledBy(c, ingress) && !required.contains(c.getMetadata().getName()))
            .toList();
    boolean allDeleted = true;
    for (Certificate certificate : unrequired) {
      String certificateName = "Certificate \"" + certificate.getMetadata().getName() + "\"";
      allDeleted &= written(ingress, name, "delete unrequired " + certificateName, () -> {
        client.resource(certificate).delete();
        events.normal(ingress, "DeleteCertificate", "Successfully deleted unrequired " + certificateName);
        LOG.info("Ingress {}: deleted Certificate {}, no longer named in spec.tls", name, certificate.getMetadata().getName());
      });
    }
    return allDeleted;
  }
}
