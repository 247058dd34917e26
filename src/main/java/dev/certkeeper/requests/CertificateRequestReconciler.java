package dev.certkeeper.requests;

import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.issuers.IssuerLookup;
import dev.certkeeper.api.certmanager.CertificateRequestCondition;
import dev.certkeeper.api.certmanager.CertificateRequestStatus;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.kube.ApiErrors;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.kube.StaleCopy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificaterequests controller: the built-in approver, then signing through the referenced
 * SelfSigned or CA issuer, or through an ACME Order. Requests for issuers of other groups are left
 * to their own controllers.
 */
@ControllerConfiguration(name = "certificaterequests")
public final class CertificateRequestReconciler implements Reconciler<CertificateRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateRequestReconciler.class);
  private static final String ORDERS = "orders";
  static final String APPROVER = "cert-manager.io";


  private final RequestSigner signer;
  private final IssuerLookup issuers;
  private final EventRecorder events;
  private final Clock clock;

  public CertificateRequestReconciler(RequestSigner signer, IssuerLookup issuers, EventRecorder events, Clock clock) {
    this.signer = signer;
    this.issuers = issuers;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, CertificateRequest>> prepareEventSources(EventSourceContext<CertificateRequest> context) {
    // A request waiting on its issuer is signed as soon as the issuer changes, not at its next retry.
    List<EventSource<?, CertificateRequest>> sources = new ArrayList<>(
        IssuerLookup.informers(context, CertificateRequest.class, r -> r.getSpec().issuerRef(), r -> r.getSpec().issuerRef().external() || isFinal(conditions(r))));
    // An ACME request follows its Order: each change of the Order's state is a reason to look again.
    var orders =
        InformerEventSourceConfiguration.from(Order.class, CertificateRequest.class)
            .withName(ORDERS)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(CertificateRequest.class))
            .build();
    sources.add(new InformerEventSource<>(orders, context));
    return sources;
  }

  @Override
  public UpdateControl<CertificateRequest> reconcile(CertificateRequest request, Context<CertificateRequest> context) {
    // A copy from before this controller's own write would sign (and announce) a signed request again.
    if (StaleCopy.behindCache(request, context)) {
      return StaleCopy.readAgain();
    }
    if (request.getSpec().issuerRef().external()) {
      return UpdateControl.noUpdate();
    }
    List<CertificateRequestCondition> conditions = conditions(request);
    if (isFinal(conditions)) {
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    if (Conditions.find(conditions, "Denied").isPresent()) {
      return finish(request, conditions, now, new RequestOutcome.Failed("Denied", "The CertificateRequest was denied by an approval controller", false));
    }
    if (Conditions.find(conditions, "Approved").isEmpty()) {
      conditions = set(conditions, "Approved", ConditionStatus.TRUE, APPROVER, "Certificate request has been approved by cert-manager.io", now);
      events.normal(request, APPROVER, "Certificate request has been approved by cert-manager.io");
    }
    IssuerLookup.Found issuer = issuers.cached(request.getSpec().issuerRef(), request.getMetadata().getNamespace(), context.eventSourceRetriever());
    @SuppressWarnings("unchecked")
    var orders = (InformerEventSource<Order, CertificateRequest>) context.eventSourceRetriever().getEventSourceFor(Order.class, ORDERS);
    RequestOutcome outcome;
    try {
      outcome = signer.sign(request, issuer, orders::get, now);
    } catch (KubernetesClientException e) {
      if (ApiErrors.isConflict(e)) {
        throw e;
      }
      // A request the API server refused (a quota, a policy on Orders): said on the request and
      // tried again, rather than left to the SDK's few retries and then hours of silence.
      outcome = new RequestOutcome.Pending(ApiErrors.REASON, "an API request for this CertificateRequest failed: " + ApiErrors.describe(e), ApiErrors.RETRY);
    }
    return finish(request, conditions, now, outcome);
  }

  private UpdateControl<CertificateRequest> finish(
      CertificateRequest request, List<CertificateRequestCondition> conditions, Instant now, RequestOutcome outcome) {
    CertificateRequestStatus old = request.getStatus();
    String certificate = old == null ? null : old.certificate();
    String ca = old == null ? null : old.ca();
    String failureTime = old == null ? null : old.failureTime();
    String name = request.getMetadata().getNamespace() + "/" + request.getMetadata().getName();
    if (outcome instanceof RequestOutcome.Signed signed) {
      certificate = base64(signed.certificatePem());
      ca = signed.caPem() == null ? null : base64(signed.caPem());
      conditions = set(conditions, "Ready", ConditionStatus.TRUE, "Issued", "Certificate fetched from issuer successfully", now);
      events.normal(request, "CertificateIssued", "Certificate fetched from issuer successfully");
      LOG.info("CertificateRequest {} signed", name);
    } else if (outcome instanceof RequestOutcome.Pending pending) {
      boolean news = Conditions.find(conditions, "Ready").map(c -> !pending.message().equals(c.message())).orElse(true);
      conditions = set(conditions, "Ready", ConditionStatus.FALSE, "Pending", pending.message(), now);
      if (news) {
        if (pending.problem()) {
          events.warning(request, pending.reason(), pending.message());
        } else {
          events.normal(request, pending.reason(), pending.message());
        }
        LOG.info("CertificateRequest {} pending: {}", name, pending.message());
      }
    } else if (outcome instanceof RequestOutcome.Failed failed) {
      if (failed.invalidRequest()) {
        conditions = set(conditions, "InvalidRequest", ConditionStatus.TRUE, failed.reason(), failed.message(), now);
      }
      String reason = failed.reason().equals("Denied") ? "Denied" : "Failed";
      conditions = set(conditions, "Ready", ConditionStatus.FALSE, reason, failed.message(), now);
      failureTime = Conditions.timestamp(now);
      events.warning(request, failed.reason(), failed.message());
      LOG.info("CertificateRequest {} failed: {}", name, failed.message());
    }
    CertificateRequestStatus status = new CertificateRequestStatus(conditions, certificate, ca, failureTime);
    UpdateControl<CertificateRequest> control;
    if (status.equals(old)) {
      control = UpdateControl.noUpdate();
    } else {
      request.setStatus(status);
      control = UpdateControl.patchStatus(request);
    }
    return outcome.retryAfter().map(control::rescheduleAfter).orElse(control);
  }

  private static boolean isFinal(List<CertificateRequestCondition> conditions) {
    return Conditions.find(conditions, "Ready").map(c -> List.of("Issued", "Failed", "Denied").contains(c.reason())).orElse(false);
  }

  private static List<CertificateRequestCondition> conditions(CertificateRequest request) {
    return request.getStatus() == null || request.getStatus().conditions() == null ? List.of() : request.getStatus().conditions();
  }

  private static List<CertificateRequestCondition> set(
      List<CertificateRequestCondition> conditions, String type, ConditionStatus status, String reason, String message, Instant now) {
    return Conditions.upsert(conditions, type, status, now, since -> new CertificateRequestCondition(type, status, since, reason, message));
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
