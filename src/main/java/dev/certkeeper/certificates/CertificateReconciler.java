package dev.certkeeper.certificates;

import dev.certkeeper.api.acme.AcmeIssuer;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.CertificateRequestCondition;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.certmanager.RenewalPolicy;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.certificates.KeyManager.NextKey;
import dev.certkeeper.certificates.policy.AriSchedule;
import dev.certkeeper.certificates.policy.BackoffWaiver;
import dev.certkeeper.certificates.policy.IssuanceBackoff;
import dev.certkeeper.certificates.policy.IssuanceFailure;
import dev.certkeeper.certificates.policy.Policies;
import dev.certkeeper.certificates.policy.PolicyInput;
import dev.certkeeper.certificates.policy.RenewalTime;
import dev.certkeeper.certificates.policy.RenewalWindows;
import dev.certkeeper.certificates.policy.RequestState;
import dev.certkeeper.certificates.policy.SecretState;
import dev.certkeeper.certificates.policy.StaleFailure;
import dev.certkeeper.certificates.policy.Violation;
import dev.certkeeper.issuers.IssuerLookup;
import dev.certkeeper.kube.ApiErrors;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.operator.OperatorSettings;
import dev.certkeeper.pki.CertificateSigningRequests;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import dev.certkeeper.pki.TemporaryCertificates;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates controller. Each reconciliation reads the Certificate, its Secret, its next
 * private key and its CertificateRequests, then runs cert-manager's steps in order: trigger (is
 * issuance needed, and may it start now or is it backing off), key manager, request manager,
 * issuing (store the signed result), readiness (Ready and the renewal time) and revision manager.
 * Everything it needs to resume lives in the API server, so a crash at any point is picked up by
 * the next reconciliation.
 */
// Not generation-aware: a manual trigger (`certkeeper renew`, cmctl renew) is a status-only change.
@ControllerConfiguration(name = "certificates", generationAwareEventProcessing = false)
public final class CertificateReconciler implements Reconciler<Certificate> {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReconciler.class);
  static final String READY = "Ready";
  static final String ISSUING = "Issuing";
  /** Set while other Certificates write the same Secret (cert-manager's proposed condition and reason). */
  static final String IN_CONFLICT = "InConflict";
  private static final String DUPLICATE_SECRET_NAME = "DuplicateSecretName";
  private static final Duration CONFLICT_RECHECK = Duration.ofMinutes(1);
  private static final Duration KEYSTORE_RECHECK = Duration.ofMinutes(1);
  private static final String SECRETS = "secrets";
  /** The primary cache's index of Certificates by the Secret they name (namespace/secretName). */
  private static final String BY_SECRET_NAME = "by-secret-name";
  /** The field manager of certkeeper's server-side applies of target Secrets. */
  private static final String FIELD_MANAGER = "certkeeper";
  private static final String REQUESTS = "certificaterequests";
  /** Why a Secret holding the temporary certificate is neither Ready nor left alone. */
  private static final Violation TEMPORARY =
      new Violation("TemporaryCertificate", "Issuing certificate: the Secret holds a temporary self-signed certificate until the real one is issued");

  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final EventRecorder events;
  private final Clock clock;
  private final KeyManager keys;
  private final RequestManager requests;
  private final IssuerLookup issuers;
  private final RenewalInfoClient renewalInfo;

  public CertificateReconciler(
      KubernetesClient client, OperatorSettings settings, EventRecorder events, Clock clock, IssuerLookup issuers, RenewalInfoClient renewalInfo) {
    this.client = client;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
    this.keys = new KeyManager(client, events);
    this.requests = new RequestManager(client, events);
    this.issuers = issuers;
    this.renewalInfo = renewalInfo;
  }

  @Override
  public List<EventSource<?, Certificate>> prepareEventSources(EventSourceContext<Certificate> context) {
    IndexerResourceCache<Certificate> certificates = context.getPrimaryCache();
    certificates.addIndexer(BY_SECRET_NAME, c -> List.of(secretKey(c.getMetadata().getNamespace(), c.getSpec().secretName())));
    // Only Secrets labelled by certkeeper are cached: memory does not grow with unrelated Secrets.
    var secrets =
        InformerEventSourceConfiguration.from(Secret.class, Certificate.class)
            .withName(SECRETS)
            .withLabelSelector(Annotations.FAO_LABEL + "=true")
            .withSecondaryToPrimaryMapper(secret -> certificatesOfSecret(certificates, secret))
            .build();
    var owned =
        InformerEventSourceConfiguration.from(CertificateRequest.class, Certificate.class)
            .withName(REQUESTS)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Certificate.class, false))
            .build();
    // Issuers are cached to tell, without a request, whether a Certificate's issuer is ACME (renewal
    // information) and whether it was edited since a failed attempt. An edit (a new generation, not
    // a status write) wakes the issuer's Certificates, so one backing off retries at once.
    var issuers =
        InformerEventSourceConfiguration.from(Issuer.class, Certificate.class)
            .withName(IssuerLookup.ISSUERS)
            .withOnUpdateFilter(CertificateReconciler::edited)
            .withSecondaryToPrimaryMapper(issuer -> certificatesOf(certificates, IssuerReference.ISSUER, issuer))
            .build();
    var clusterIssuers =
        InformerEventSourceConfiguration.from(ClusterIssuer.class, Certificate.class)
            .withName(IssuerLookup.CLUSTER_ISSUERS)
            .withOnUpdateFilter(CertificateReconciler::edited)
            .withSecondaryToPrimaryMapper(issuer -> certificatesOf(certificates, IssuerReference.CLUSTER_ISSUER, issuer))
            .build();
    return List.of(
        new InformerEventSource<>(secrets, context), new InformerEventSource<>(owned, context),
        new InformerEventSource<>(issuers, context), new InformerEventSource<>(clusterIssuers, context));
  }

  private static boolean edited(HasMetadata updated, HasMetadata previous) {
    return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration());
  }

  /** The cached Certificates whose issuerRef names this Issuer (in its namespace) or ClusterIssuer. */
  private static Set<ResourceID> certificatesOf(IndexedResourceCache<Certificate> certificates, String kind, HasMetadata issuer) {
    String namespace = issuer.getMetadata().getNamespace();
    return certificates
        .list(c -> (namespace == null || namespace.equals(c.getMetadata().getNamespace()))
            && kind.equals(c.getSpec().issuerRef().effectiveKind())
            && issuer.getMetadata().getName().equals(c.getSpec().issuerRef().name()))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * The Certificate a Secret was written for, and every other Certificate that names it: one kept
   * from issuing by the shared name looks again when the Secret changes.
   */
  private static Set<ResourceID> certificatesOfSecret(IndexerResourceCache<Certificate> certificates, Secret secret) {
    Map<String, String> labels = Optional.ofNullable(secret.getMetadata().getLabels()).orElse(Map.of());
    if ("true".equals(labels.get(Annotations.NEXT_PRIVATE_KEY_LABEL))) {
      return Mappers.<Secret>fromOwnerReferences(Certificate.class, false).toPrimaryResourceIDs(secret);
    }
    String namespace = secret.getMetadata().getNamespace();
    Set<ResourceID> ids = new HashSet<>();
    certificates.byIndex(BY_SECRET_NAME, secretKey(namespace, secret.getMetadata().getName())).forEach(c -> ids.add(ResourceID.fromResource(c)));
    Annotations.value(secret, Annotations.CERTIFICATE_NAME).ifPresent(name -> ids.add(new ResourceID(name, namespace)));
    return ids;
  }

  /** The key of the index of Certificates by the Secret they name. */
  private static String secretKey(String namespace, String secretName) {
    return namespace + "/" + secretName;
  }

  @Override
  public UpdateControl<Certificate> reconcile(Certificate certificate, Context<Certificate> context) {
    Instant now = clock.instant();
    Step step;
    try {
      step = new Step(certificate, context, now);
    } catch (KubernetesClientException e) {
      // The target Secret could not be read: nothing is decided (nor Ready recomputed) without it.
      events.warning(certificate, ApiErrors.REASON, "cannot read Secret \"" + certificate.getSpec().secretName() + "\": " + ApiErrors.describe(e));
      return UpdateControl.<Certificate>noUpdate().rescheduleAfter(ApiErrors.RETRY);
    }
    try {
      step.run();
    } catch (KubernetesClientException e) {
      if (ApiErrors.isConflict(e)) {
        // Another writer came first: the SDK's retry reads the object again at once.
        throw e;
      }
      step.requestFailed(e);
    }
    return step.finish();
  }

  /** One reconciliation: the state read at its start and the status it builds. */
  private final class Step {
    private final Certificate certificate;
    private final Context<Certificate> context;
    private final Instant now;
    private final String name;
    private final List<Secret> nextKeySecrets;
    private final List<CertificateRequest> ownedRequests;
    private Optional<Secret> secret;
    private SecretState secretState;
    private final CertificateStatus old;
    private List<Condition> conditions;
    private Integer revision;
    private String nextPrivateKeySecretName;
    private String lastFailureTime;
    private Integer failedIssuanceAttempts;
    private Instant retryAt;
    private String issuingDetail;
    /** What an API request of this pass that failed said; null when none failed. */
    private String apiFailure;
    /** Which keystores the Secret lacks for want of their password Secret; null when none. */
    private String keystoreProblem;
    /** The CA's renewal information for the Secret's certificate; null when there is none. */
    private RenewalInformation ari;
    /** {@link #currentRequest()} as last read, and the revision it was read for. */
    private Optional<RequestState> currentRequest;
    private Integer currentRequestRevision;

    Step(Certificate certificate, Context<Certificate> context, Instant now) {
      this.certificate = certificate;
      this.context = context;
      this.now = now;
      this.name = certificate.getMetadata().getNamespace() + "/" + certificate.getMetadata().getName();
      String uid = certificate.getMetadata().getUid();
      Set<Secret> cachedSecrets = context.getSecondaryResources(Secret.class);
      this.nextKeySecrets =
          cachedSecrets.stream()
              .filter(s -> "true".equals(Optional.ofNullable(s.getMetadata().getLabels()).map(l -> l.get(Annotations.NEXT_PRIVATE_KEY_LABEL)).orElse(null)))
              .filter(s -> s.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
              .sorted(Comparator.comparing(s -> s.getMetadata().getCreationTimestamp()))
              .toList();
      this.ownedRequests =
          context.getSecondaryResources(CertificateRequest.class).stream()
              .filter(r -> r.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
              .toList();
      String secretName = certificate.getSpec().secretName();
      // A labelled Secret comes from the cache; one certkeeper has not labelled yet is read directly.
      this.secret =
          cachedSecrets.stream()
              .filter(s -> s.getMetadata().getName().equals(secretName))
              .findFirst()
              .or(() -> Optional.ofNullable(client.secrets().inNamespace(certificate.getMetadata().getNamespace()).withName(secretName).get()));
      this.secretState = SecretStates.of(secret);
      this.old = Optional.ofNullable(certificate.getStatus()).orElse(new CertificateStatus(null, null, null, null, null, null, null, null, null));
      this.conditions = Optional.ofNullable(old.conditions()).orElse(List.of());
      this.revision = old.revision();
      this.nextPrivateKeySecretName = old.nextPrivateKeySecretName();
      this.lastFailureTime = old.lastFailureTime();
      this.failedIssuanceAttempts = old.failedIssuanceAttempts();
      this.ari = old.acme() == null ? null : old.acme().ari();
    }

    void run() {
      if (!Conditions.isTrue(conditions, ISSUING)) {
        checkRenewalInformation();
        trigger();
      }
      if (Conditions.isTrue(conditions, ISSUING)) {
        try {
          issue();
        } catch (PkiException e) {
          // A spec the CRD admits but no key, CSR or temporary certificate can be made from (a name outside ASCII).
          fail("InvalidRequest", "the spec cannot be issued as it is: " + e.getMessage(), IssuanceFailure.REFUSED);
        } catch (KeyManager.CannotRegenerateKey e) {
          fail("CannotRegenerateKey", e.getMessage(), IssuanceFailure.REFUSED);
        }
      } else if (!nextKeySecrets.isEmpty() && nextPrivateKeySecretName == null && noIssuanceOnServer()) {
        keys.cleanUp(nextKeySecrets);
      }
      RevisionManager.toDelete(ownedRequests, revision, certificate.getSpec().effectiveRevisionHistoryLimit()).forEach(requests::delete);
      labelForeignSecret();
      rewriteDriftedSecret();
    }

    /**
     * An issued Secret that no longer matches what certkeeper would write for the spec (a changed
     * secretTemplate, output format or keystore, the owner reference flag, an edited annotation) is
     * written again from the key and certificate it holds, without re-issuing. Not while a keystore
     * it asks for cannot be written: the one there is kept rather than dropped.
     */
    private void rewriteDriftedSecret() {
      boolean labelled = secret.map(Step::labelled).orElse(false);
      if (!labelled || isTemporary() || Conditions.isTrue(conditions, ISSUING) || secretState.privateKey() == null
          || Policies.TRIGGER.evaluate(input()).isPresent()) {
        return;
      }
      Map<String, String> data = secret.get().getData();
      IssuedMaterial material;
      try {
        material = IssuedMaterial.issued(SecretStates.decode(data.get(SecretState.TLS_KEY)), secretState.privateKey(),
            Pem.parseCertificates(SecretStates.decode(data.get(SecretState.TLS_CERT))), data.get("ca.crt") == null ? null : SecretStates.decode(data.get("ca.crt")));
      } catch (PkiException | IllegalArgumentException e) {
        return;
      }
      IssuerReference issuerRef = certificate.getSpec().issuerRef();
      String type = secret.get().getType();
      Secret desired = TargetSecret.build(certificate, material, issuerRef, KeystorePasswords.NONE, type, settings.certificateOwnerRef());
      Set<String> keystores = TargetSecret.keystoreKeys(certificate.getSpec(), !material.cas().isEmpty());
      List<String> drift = SecretDrift.between(desired, keystores, secret.get(), FIELD_MANAGER);
      if (drift.isEmpty()) {
        return;
      }
      // Quietly: the issuance that wrote this Secret warned of a missing password Secret already.
      KeystorePasswords passwords = KeystorePasswords.read(client, certificate, null);
      if (passwords.pkcs12().isEmpty() && keystores.contains("keystore.p12") || passwords.jks().isEmpty() && keystores.contains("keystore.jks")) {
        keystoresMissing(passwords);
        return;
      }
      apply(material, issuerRef, passwords);
      String what = String.join(", ", drift);
      events.normal(certificate, "SecretUpdated", "Updated Secret \"" + certificate.getSpec().secretName() + "\" to match the spec, without re-issuing: " + what);
      LOG.info("Certificate {}: updated Secret {} without re-issuing: {}", name, certificate.getSpec().secretName(), what);
    }

    /**
     * A valid Secret certkeeper did not write (cert-manager's, when moving over) is kept as it is,
     * without re-issuing; it only gets the label that lets certkeeper cache and watch it.
     */
    private void labelForeignSecret() {
      boolean labelled = secret.map(Step::labelled).orElse(true);
      if (!labelled && !Conditions.isTrue(conditions, ISSUING) && Policies.TRIGGER.evaluate(input()).isEmpty()) {
        client.resource(secret.get()).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + Annotations.FAO_LABEL + "\":\"true\"}}}");
        events.normal(certificate, "Reused", "Took over the existing Secret \"" + certificate.getSpec().secretName() + "\" without re-issuing: it satisfies the spec");
        LOG.info("Certificate {}: took over existing Secret {} without re-issuing", name, certificate.getSpec().secretName());
      }
    }

    private static boolean labelled(Secret secret) {
      return "true".equals(Optional.ofNullable(secret.getMetadata().getLabels()).map(l -> l.get(Annotations.FAO_LABEL)).orElse(null));
    }

    /**
     * Deleting a private key is the one step that cannot be undone, so it is decided on the
     * Certificate as the API server has it now, not on a cache that may lag behind.
     */
    private boolean noIssuanceOnServer() {
      Certificate fresh = client.resource(certificate).get();
      return fresh != null
          && fresh.getStatus() != null
          && fresh.getStatus().nextPrivateKeySecretName() == null
          && !Conditions.isTrue(fresh.getStatus().conditions(), ISSUING);
    }

    /**
     * ACME Renewal Information (RFC 9773) for the certificate in the Secret, from its issuer's CA
     * when the CA offers it and the issuer has not turned it off. The CA is asked only when the
     * record says a check is due, with one request; its answer or failure is recorded with the
     * time to ask again, and the reconciliation is rescheduled for it: nothing here waits.
     */
    private void checkRenewalInformation() {
      X509Certificate current = secretState.certificate();
      boolean renewalDisabled = certificate.getSpec().renewal() != null && certificate.getSpec().renewal().policy() == RenewalPolicy.DISABLED;
      // A certificate from another issuer is replaced anyway (IncorrectIssuer), and this CA does not know it.
      if (current == null || isTemporary() || renewalDisabled || certificate.getSpec().issuerRef().external()
          || !Policies.secretFromCurrentIssuer(certificate, secretState, now)) {
        ari = null;
        return;
      }
      IssuerLookup.Found issuer = cachedIssuer(certificate.getSpec().issuerRef());
      AcmeIssuer acme = issuer.issuer() == null ? null : issuer.issuer().getSpec().acme();
      if (acme == null || acme.renewalInformationSource() == AcmeIssuer.RenewalInformationSource.NONE) {
        ari = null;
        return;
      }
      if (issuer.notReadyReason() != null || !AriSchedule.checkDue(ari, current.getNotBefore().toInstant(), now)) {
        return;
      }
      RenewalInfoClient.Answer answer = renewalInfo.fetch(issuer, current);
      if (answer instanceof RenewalInfoClient.Window window) {
        RenewalInformation before = ari;
        ari = AriSchedule.answered(ari, window.start(), window.end(), window.explanationUrl(), window.retryAfter(), now);
        if (ari.suggestedWindow() != null && (before == null || !ari.suggestedWindow().equals(before.suggestedWindow()))) {
          LOG.info("Certificate {}: the ACME server suggests renewal between {} and {}", name, ari.suggestedWindow().start(), ari.suggestedWindow().end());
        }
      } else if (answer instanceof RenewalInfoClient.Failed failed) {
        ari = AriSchedule.failed(ari, failed.message(), now);
      } else {
        ari = null;
      }
      if (ari != null && ari.lastError() != null) {
        events.warning(certificate, "ARIError", "Failed to fetch ACME renewal information, will check again at " + ari.nextCheck() + ": " + ari.lastError());
        LOG.info("Certificate {}: ACME renewal information unavailable, next check at {}: {}", name, ari.nextCheck(), ari.lastError());
      }
    }

    /** The metadata.generation of an issuer found in the cache, if it was found. */
    private static Optional<Long> generationOf(IssuerLookup.Found issuer) {
      return Optional.ofNullable(issuer.issuer()).map(i -> i.getMetadata().getGeneration());
    }

    private IssuerLookup.Found cachedIssuer(IssuerReference ref) {
      return issuers.cached(ref, certificate.getMetadata().getNamespace(), context.eventSourceRetriever());
    }

    /**
     * An informer of this controller. What a pass writes it also hands to its informer, so the
     * informer's own event about that write does not start another pass, and the next pass sees the
     * write even before the informer does.
     */
    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> InformerEventSource<R, Certificate> informer(Class<R> type, String source) {
      return (InformerEventSource<R, Certificate>) context.eventSourceRetriever().getEventSourceFor(type, source);
    }

    /** Trigger: start an issuance when a check says so, unless backing off after a failure. */
    private void trigger() {
      if (inConflict()) {
        return;
      }
      Optional<Violation> why = isTemporary() ? Optional.of(TEMPORARY) : Policies.TRIGGER.evaluate(input());
      if (why.isEmpty()) {
        return;
      }
      Optional<Condition> failed = Conditions.find(conditions, ISSUING);
      boolean specUnchangedSinceFailure =
          failed.map(c -> c.observedGeneration() != null && c.observedGeneration().equals(certificate.getMetadata().getGeneration())).orElse(false);
      boolean failedBefore = failedIssuanceAttempts != null && failedIssuanceAttempts > 0 && lastFailureTime != null && specUnchangedSinceFailure;
      if (failedBefore) {
        Optional<CertificateRequest> failedRequest = nextRequest();
        IssuerLookup.Found issuer = cachedIssuer(certificate.getSpec().issuerRef());
        Optional<String> issuerChanged =
            BackoffWaiver.issuerChanged(
                failedRequest.flatMap(r -> Annotations.value(r, Annotations.ISSUER_GENERATION)), generationOf(issuer).orElse(null), issuer.described());
        if (issuerChanged.isPresent()) {
          LOG.info("Certificate {}: retrying at once, not after the back-off: {}", name, issuerChanged.get());
        } else {
          IssuanceFailure failure = failedRequest.map(IssuanceFailure::of).orElse(IssuanceFailure.RETRYABLE);
          Instant next =
              IssuanceBackoff.nextAttempt(
                  Instant.parse(lastFailureTime), failedIssuanceAttempts, failure, settings.issuanceBackoffBase(), lifetime());
          if (now.isBefore(next)) {
            retryAt = next;
            issuingDetail = failed.get().message() + "; " + IssuanceBackoff.describe(next, failedIssuanceAttempts, failure);
            return;
          }
        }
      }
      setCondition(ISSUING, ConditionStatus.TRUE, why.get().reason(), why.get().message());
      events.normal(certificate, "Issuing", why.get().message());
      LOG.info("Certificate {}: issuing: {}", name, why.get().message());
    }

    /**
     * Whether other Certificates of the namespace write the same Secret: then none of them starts
     * an issuance, as cert-manager's DuplicateSecretName guard, or each would re-issue over the
     * other's certificate for ever (and use up an ACME CA's rate limits). Looked at again each
     * minute, since the other's rename or deletion wakes nothing here.
     */
    private boolean inConflict() {
      List<String> others = context.getPrimaryCache()
          .byIndex(BY_SECRET_NAME, secretKey(certificate.getMetadata().getNamespace(), certificate.getSpec().secretName())).stream()
          .map(c -> c.getMetadata().getName())
          .filter(other -> !other.equals(certificate.getMetadata().getName()))
          .sorted()
          .toList();
      if (others.isEmpty()) {
        conditions = Conditions.remove(conditions, IN_CONFLICT);
        return false;
      }
      String message = "Certificate shares the same Secret name as the following Certificates in this Namespace: [ " + String.join(", ", others)
          + " ]. Issuance will block until this is resolved to prevent CertificateRequest creation runaway.";
      if (!Conditions.isTrue(conditions, IN_CONFLICT)) {
        events.warning(certificate, DUPLICATE_SECRET_NAME, message);
        LOG.info("Certificate {}: not issuing: Secret {} is also named by {}", name, certificate.getSpec().secretName(), others);
      }
      setCondition(IN_CONFLICT, ConditionStatus.TRUE, DUPLICATE_SECRET_NAME, message);
      issuingDetail = message;
      retryAt = now.plus(CONFLICT_RECHECK);
      return true;
    }

    /** Key manager, request manager and issuing, for the revision after the current one. */
    private void issue() {
      NextKey next = keys.ensure(certificate, nextKeySecrets, Optional.ofNullable(secretState.privateKey()));
      next.created().ifPresent(created -> informer(Secret.class, SECRETS).handleRecentResourceCreate(ResourceID.fromResource(created), created));
      nextPrivateKeySecretName = next.secretName();
      int nextRevision = (revision == null ? 0 : revision) + 1;
      KeyPair keyPair = new KeyPair(PrivateKeys.publicKey(next.key()), next.key());
      writeTemporaryCertificate(next, keyPair);
      Optional<CertificateRequest> request = nextRequest();
      if (request.isPresent() && (staleFailure(request.get()) || !RequestManager.fits(request.get(), keyPair, certificate.getSpec()))) {
        requests.delete(request.get());
        request = Optional.empty();
      }
      if (request.isEmpty()) {
        CertificateRequest created = requests.create(
            certificate, nextRevision, keyPair, next.secretName(), replaces(), generationOf(cachedIssuer(certificate.getSpec().issuerRef())), StaleFailure.attemptNumber(failedIssuanceAttempts));
        informer(CertificateRequest.class, REQUESTS).handleRecentResourceCreate(ResourceID.fromResource(created), created);
        issuingDetail = "waiting for CertificateRequest \"" + created.getMetadata().getName() + "\" to be signed";
        return;
      }
      CertificateRequest current = request.get();
      List<CertificateRequestCondition> requestConditions =
          current.getStatus() == null || current.getStatus().conditions() == null ? List.of() : current.getStatus().conditions();
      Optional<CertificateRequestCondition> ready = Conditions.find(requestConditions, READY);
      String requestName = "CertificateRequest \"" + current.getMetadata().getName() + "\"";
      if (ready.isPresent() && ready.get().status() == ConditionStatus.TRUE) {
        store(current, next, nextRevision);
      } else if (ready.isPresent() && List.of("Failed", "Denied").contains(ready.get().reason())) {
        fail(ready.get().reason(), requestName + " " + ready.get().reason().toLowerCase(Locale.ROOT) + ": " + ready.get().message(), IssuanceFailure.of(current));
      } else {
        issuingDetail = ready.map(c -> requestName + " is pending: " + c.message()).orElse("waiting for " + requestName + " to be signed");
      }
    }

    /**
     * The ARI CertID of the certificate this issuance replaces, for the new ACME order: only when
     * the CA's last answer about it was a renewal window, so the CA knows the certificate.
     */
    private Optional<String> replaces() {
      X509Certificate current = secretState.certificate();
      if (current == null || isTemporary() || ari == null || ari.suggestedWindow() == null || ari.lastError() != null) {
        return Optional.empty();
      }
      return renewalInfo.certId(current);
    }

    /** The request for the revision after the current one: in flight, or the last failed attempt, kept until the next. */
    private Optional<CertificateRequest> nextRequest() {
      int nextRevision = (revision == null ? 0 : revision) + 1;
      return ownedRequests.stream().filter(r -> RevisionManager.revision(r).map(rev -> rev == nextRevision).orElse(false)).findFirst();
    }

    /** A request that failed in an earlier issuance attempt is not this attempt's answer. */
    private boolean staleFailure(CertificateRequest request) {
      return StaleFailure.isStale(
          Annotations.value(request, Annotations.ISSUANCE_ATTEMPT),
          request.getStatus() == null ? null : request.getStatus().failureTime(),
          failedIssuanceAttempts,
          Conditions.find(conditions, ISSUING).map(Condition::lastTransitionTime));
    }

    /** Issuing: write the signed certificate and its key into the Secret, then finish the revision. */
    private void store(CertificateRequest request, NextKey next, int nextRevision) {
      // As cert-manager, the issuer's CA text goes into ca.crt whole and every CA in it into the truststores.
      IssuedMaterial material;
      if (request.getStatus().certificate() == null || request.getStatus().certificate().isEmpty()) {
        fail("InvalidCertificate", "CertificateRequest \"" + request.getMetadata().getName() + "\" is Ready but holds no certificate", IssuanceFailure.RETRYABLE);
        return;
      }
      try {
        String ca = request.getStatus().ca();
        material = IssuedMaterial.issued(next.pem(), next.key(), Pem.parseCertificates(SecretStates.decode(request.getStatus().certificate())),
            ca == null ? null : SecretStates.decode(ca));
      } catch (PkiException | IllegalArgumentException e) {
        fail("InvalidCertificate", "the certificate returned in CertificateRequest \"" + request.getMetadata().getName() + "\" is unreadable: " + e.getMessage(), IssuanceFailure.RETRYABLE);
        return;
      }
      if (material.chain().isEmpty() || !PrivateKeys.matches(next.key(), material.leaf().getPublicKey())) {
        fail("InvalidCertificate", "the certificate returned in CertificateRequest \"" + request.getMetadata().getName() + "\" is not for the requested private key", IssuanceFailure.RETRYABLE);
        return;
      }
      KeystorePasswords passwords = KeystorePasswords.read(client, certificate, events);
      apply(material, request.getSpec().issuerRef(), passwords);
      keystoresMissing(passwords);
      revision = nextRevision;
      nextPrivateKeySecretName = null;
      lastFailureTime = null;
      failedIssuanceAttempts = null;
      // The renewal information was about the certificate just replaced; the new one is asked about next pass.
      ari = null;
      conditions = Conditions.remove(conditions, ISSUING);
      // The next-key Secret goes only after the status records this revision (the next pass): a
      // crash before that finds the key and the signed request again and stores the same result.
      retryAt = now.plusSeconds(1);
      events.normal(certificate, "Issuing", "The certificate has been successfully issued");
      LOG.info("Certificate {}: issued revision {}, valid until {}", name, nextRevision, material.leaf().getNotAfter().toInstant());
    }

    private void apply(IssuedMaterial material, IssuerReference issuerRef, KeystorePasswords passwords) {
      Secret desired =
          TargetSecret.build(certificate, material, issuerRef, passwords, secret.map(Secret::getType).orElse(TargetSecret.TLS_TYPE), settings.certificateOwnerRef());
      Secret applied = client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      InformerEventSource<Secret, Certificate> secrets = informer(Secret.class, SECRETS);
      Optional<Secret> cachedBefore = secret.filter(s -> secrets.get(ResourceID.fromResource(s)).isPresent());
      if (cachedBefore.isPresent()) {
        secrets.handleRecentResourceUpdate(ResourceID.fromResource(applied), applied, cachedBefore.get());
      } else {
        secrets.handleRecentResourceCreate(ResourceID.fromResource(applied), applied);
      }
      secret = Optional.of(applied);
      secretState = SecretStates.of(secret);
    }

    /**
     * With cert-manager.io/issue-temporary-certificate, a Secret without a certificate for the next
     * key gets a short-lived self-signed one at once, so a proxy mounting it can start.
     */
    private void writeTemporaryCertificate(NextKey next, KeyPair keyPair) {
      boolean wanted = Annotations.value(certificate, Annotations.ISSUE_TEMPORARY_CERTIFICATE).filter("true"::equals).isPresent();
      boolean usable = secretState.certificate() != null && (!isTemporary() || PrivateKeys.matches(next.key(), secretState.certificate().getPublicKey()));
      if (!wanted || usable) {
        return;
      }
      X509Certificate temporary = TemporaryCertificates.selfSigned(keyPair, certificate.getSpec());
      apply(new IssuedMaterial(next.pem(), next.key(), List.of(temporary), null, List.of(), true), certificate.getSpec().issuerRef(), KeystorePasswords.NONE);
      events.normal(certificate, "Issuing", "Issued temporary certificate");
      LOG.info("Certificate {}: stored a temporary certificate until the real one is issued", name);
    }

    private Duration lifetime() {
      return IssuanceBackoff.lifetime(isTemporary() ? null : secretState.certificate(), certificate.getSpec().effectiveDuration());
    }

    /**
     * A keystore left out for want of its password Secret: said in the Ready message, and looked at
     * again each minute, since a password Secret is not watched (only labelled Secrets are).
     */
    private void keystoresMissing(KeystorePasswords passwords) {
      if (passwords.missing().isEmpty()) {
        return;
      }
      keystoreProblem = String.join("; ", passwords.missing());
      lookAgainBy(now.plus(KEYSTORE_RECHECK));
    }

    /** Looks again no later than {@code at}, keeping an earlier time already set. */
    private void lookAgainBy(Instant at) {
      retryAt = retryAt == null || retryAt.isAfter(at) ? at : retryAt;
    }

    private boolean isTemporary() {
      return "true".equals(secretState.annotations().get(Annotations.TEMPORARY_CERTIFICATE));
    }

    /**
     * An API request the API server refused (a Secret whose secretTemplate labels it rejects, a
     * quota, an admission policy) or could not take: said in the Ready message (also when Ready
     * stays True, for a failed Secret update after issuance) and, once per cause, in an Event and
     * the log; tried again soon. Not an issuance failure: what was signed stays in its
     * CertificateRequest and is stored once the request goes through, without a new request to
     * the issuer.
     */
    void requestFailed(KubernetesClientException e) {
      apiFailure = "an API request for this Certificate failed: " + ApiErrors.describe(e);
      if (!Conditions.find(conditions, READY).map(c -> c.message().contains(apiFailure)).orElse(false)) {
        LOG.info("Certificate {}: {}", name, apiFailure);
        events.warning(certificate, ApiErrors.REASON, apiFailure);
      }
      issuingDetail = apiFailure;
      lookAgainBy(now.plus(ApiErrors.RETRY));
    }

    private void fail(String reason, String message, IssuanceFailure failure) {
      String text = "The certificate request has failed to complete and will be retried: " + message;
      setCondition(ISSUING, ConditionStatus.FALSE, reason, text);
      lastFailureTime = Conditions.timestamp(now);
      failedIssuanceAttempts = (failedIssuanceAttempts == null ? 0 : failedIssuanceAttempts) + 1;
      retryAt =
          IssuanceBackoff.nextAttempt(now, failedIssuanceAttempts, failure, settings.issuanceBackoffBase(), lifetime());
      issuingDetail = text + "; " + IssuanceBackoff.describe(retryAt, failedIssuanceAttempts, failure);
      events.warning(certificate, reason, text);
      LOG.info("Certificate {}: issuance failed ({} attempt(s)): {}", name, failedIssuanceAttempts, message);
    }

    /** Readiness: the Ready condition, validity and renewal time; then the status patch and when to look again. */
    UpdateControl<Certificate> finish() {
      X509Certificate current = secretState.certificate();
      Optional<Violation> notReady = isTemporary() ? Optional.of(TEMPORARY) : Policies.READINESS.evaluate(input());
      String readyMessage = notReady.map(v -> v.message() + (issuingDetail == null ? "" : ": " + issuingDetail))
          .orElse("Certificate is up to date and has not expired" + (apiFailure == null ? "" : ", but " + apiFailure)
              + (keystoreProblem == null ? "" : ", but " + keystoreProblem));
      setCondition(READY, notReady.isPresent() ? ConditionStatus.FALSE : ConditionStatus.TRUE, notReady.map(Violation::reason).orElse("Ready"), readyMessage);
      String notBefore = current == null ? null : Conditions.timestamp(current.getNotBefore().toInstant());
      String notAfter = current == null ? null : Conditions.timestamp(current.getNotAfter().toInstant());
      Optional<RenewalWindows.Fit> plan = current == null ? Optional.empty() : RenewalTime.planned(certificate.getSpec(), current, ari);
      Optional<Instant> renewal = plan.map(RenewalWindows.Fit::time);
      String renewalTime = renewal.map(Conditions::timestamp).orElse(null);
      if (!Objects.equals(renewalTime, old.renewalTime())) {
        // Once per new renewal time, not on every pass.
        plan.flatMap(RenewalWindows.Fit::problem).ifPresent(problem -> events.warning(certificate, "WindowError", problem));
      }
      CertificateStatus status =
          new CertificateStatus(
              conditions,
              lastFailureTime,
              notBefore,
              notAfter,
              renewalTime,
              revision,
              nextPrivateKeySecretName,
              failedIssuanceAttempts,
              ari == null ? null : new CertificateAcmeStatus(ari));
      Optional<Duration> wake =
          NextLook.after(now, Optional.ofNullable(retryAt), renewal, Optional.ofNullable(current).map(c -> c.getNotAfter().toInstant()), AriSchedule.nextCheck(ari));
      if (!status.equals(certificate.getStatus())) {
        Certificate written = StatusWriter.write(client, certificate, status);
        // Tell the cache at once, so the next reconciliation never acts on the status before this one.
        context.eventSourceRetriever().getControllerEventSource().handleRecentResourceUpdate(ResourceID.fromResource(written), written, certificate);
      }
      UpdateControl<Certificate> control = UpdateControl.noUpdate();
      return wake.map(control::rescheduleAfter).orElse(control);
    }

    private PolicyInput input() {
      return new PolicyInput(certificate, secretState, currentRequest().orElse(null), ari, now);
    }

    /** The request that produced the current certificate, with its CSR; read once per revision a pass sees. */
    private Optional<RequestState> currentRequest() {
      if (currentRequest == null || !Objects.equals(currentRequestRevision, revision)) {
        currentRequestRevision = revision;
        currentRequest = revision == null ? Optional.empty() : ownedRequests.stream()
            .filter(r -> RevisionManager.revision(r).map(rev -> rev.equals(revision)).orElse(false))
            .findFirst()
            .map(r -> {
              try {
                return new RequestState(r, CertificateSigningRequests.read(SecretStates.decode(r.getSpec().request())), null);
              } catch (PkiException | IllegalArgumentException e) {
                return new RequestState(r, null, e.getMessage());
              }
            });
      }
      return currentRequest;
    }

    private void setCondition(String type, ConditionStatus status, String reason, String message) {
      conditions = Conditions.set(conditions, type, status, reason, message, certificate.getMetadata().getGeneration(), now);
    }
  }
}
