package dev.certkeeper.cli.report;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.ChallengeStatus;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.acme.OrderStatus;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.certmanager.IssuerStatus;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code certkeeper status certificate}: a Certificate and everything its issuance went through —
 * issuer, Secret, current CertificateRequest, Order and Challenges — with their conditions and
 * recent Events. The same data is printed as text or as a YAML/JSON document.
 */
public record CertificateChainReport(
    CertificateSection certificate,
    IssuerSection issuer,
    SecretSection secret,
    RequestSection certificateRequest,
    OrderSection order,
    List<ChallengeSection> challenges) {

  /** The Certificate: what it asks for and what its status says. */
  public record CertificateSection(
      String name,
      String namespace,
      String createdAt,
      String secretName,
      String commonName,
      List<String> dnsNames,
      List<String> ipAddresses,
      List<String> uris,
      Integer revision,
      String notBefore,
      String notAfter,
      String renewalTime,
      Integer failedIssuanceAttempts,
      String lastFailureTime,
      List<ConditionView> conditions,
      List<EventView> events) {}

  /** The issuer the Certificate names; {@code found} is null for an external issuer, which is not looked up. */
  public record IssuerSection(String name, String kind, String group, Boolean found, List<ConditionView> conditions, String unreadable) {
    /** An issuer that was read, or found absent. */
    public IssuerSection(String name, String kind, String group, Boolean found, List<ConditionView> conditions) {
      this(name, kind, group, found, conditions, null);
    }
  }

  /** The target Secret and the leaf certificate in it; {@code problem} says why it cannot be read. */
  public record SecretSection(String name, boolean exists, CertificateDetails certificate, String problem, List<EventView> events) {}

  /** The CertificateRequest of the current or next revision. */
  public record RequestSection(
      String name, Integer revision, String createdAt, List<ConditionView> conditions, String failureTime, List<EventView> events) {}

  /** The ACME Order of the request. */
  public record OrderSection(String name, String state, String reason, String url, String failureTime, List<EventView> events) {}

  /** One ACME Challenge of the Order. */
  public record ChallengeSection(
      String name, String domain, String type, String state, Boolean presented, Boolean processing, String reason, List<EventView> events) {}

  /** The report of the objects as read. */
  public static CertificateChainReport of(ChainObjects objects) {
    Certificate certificate = objects.certificate();
    List<Event> events = objects.events();
    return new CertificateChainReport(
        certificate(certificate, events),
        issuer(certificate.getSpec().issuerRef(), objects.issuer(), objects.issuerUnreadable()),
        secret(certificate.getSpec().secretName(), objects.secret(), objects.secretUnreadable(), events),
        objects.request() == null ? null : request(objects.request(), events),
        objects.order() == null ? null : order(objects.order(), events),
        objects.challenges().stream().map(c -> challenge(c, events)).toList());
  }

  private static CertificateSection certificate(Certificate certificate, List<Event> events) {
    CertificateSpec spec = certificate.getSpec();
    CertificateStatus status = Optional.ofNullable(certificate.getStatus()).orElse(new CertificateStatus(null, null, null, null, null, null, null, null, null));
    return new CertificateSection(
        certificate.getMetadata().getName(),
        certificate.getMetadata().getNamespace(),
        certificate.getMetadata().getCreationTimestamp(),
        spec.secretName(),
        spec.commonName(),
        orEmpty(spec.dnsNames()),
        orEmpty(spec.ipAddresses()),
        orEmpty(spec.uris()),
        status.revision(),
        status.notBefore(),
        status.notAfter(),
        status.renewalTime(),
        status.failedIssuanceAttempts(),
        status.lastFailureTime(),
        ConditionView.of(status.conditions()),
        EventView.about(certificate.getMetadata().getUid(), events));
  }

  private static IssuerSection issuer(IssuerReference ref, HasMetadata issuer, String unreadable) {
    if (ref.external()) {
      return new IssuerSection(ref.name(), ref.effectiveKind(), ref.effectiveGroup(), null, List.of());
    }
    if (unreadable != null) {
      return new IssuerSection(ref.name(), ref.effectiveKind(), ref.effectiveGroup(), null, List.of(), unreadable);
    }
    IssuerStatus status = issuer instanceof CustomResource<?, ?> resource && resource.getStatus() instanceof IssuerStatus s ? s : null;
    return new IssuerSection(
        ref.name(), ref.effectiveKind(), ref.effectiveGroup(), issuer != null, status == null ? List.of() : ConditionView.of(status.conditions()));
  }

  private static SecretSection secret(String name, Secret secret, String unreadable, List<Event> events) {
    if (secret == null) {
      return new SecretSection(name, false, null, unreadable == null ? null : "cannot read it: " + unreadable, List.of());
    }
    List<EventView> secretEvents = EventView.about(secret.getMetadata().getUid(), events);
    Optional<String> chain = SecretData.text(secret, "tls.crt");
    if (chain.isEmpty() || chain.get().isBlank()) {
      return new SecretSection(name, true, null, "the Secret has no tls.crt", secretEvents);
    }
    try {
      X509Certificate leaf = Pem.parseCertificates(chain.get()).get(0);
      return new SecretSection(name, true, CertificateDetails.of(leaf), null, secretEvents);
    } catch (PkiException e) {
      return new SecretSection(name, true, null, "tls.crt cannot be read: " + e.getMessage(), secretEvents);
    }
  }

  private static RequestSection request(CertificateRequest request, List<Event> events) {
    String revision = Annotations.value(request, Annotations.CERTIFICATE_REVISION).orElse(null);
    return new RequestSection(
        request.getMetadata().getName(),
        revision == null || !revision.matches("\\d{1,9}") ? null : Integer.valueOf(revision),
        request.getMetadata().getCreationTimestamp(),
        request.getStatus() == null ? List.of() : ConditionView.ofRequest(request.getStatus().conditions()),
        request.getStatus() == null ? null : request.getStatus().failureTime(),
        EventView.about(request.getMetadata().getUid(), events));
  }

  private static OrderSection order(Order order, List<Event> events) {
    OrderStatus status = order.getStatus();
    return new OrderSection(
        order.getMetadata().getName(),
        status == null ? null : state(status.state()),
        status == null ? null : status.reason(),
        status == null ? null : status.url(),
        status == null ? null : status.failureTime(),
        EventView.about(order.getMetadata().getUid(), events));
  }

  private static ChallengeSection challenge(Challenge challenge, List<Event> events) {
    ChallengeSpec spec = challenge.getSpec();
    ChallengeStatus status = challenge.getStatus();
    return new ChallengeSection(
        challenge.getMetadata().getName(),
        spec == null ? null : spec.dnsName(),
        spec == null || spec.type() == null ? null : spec.type().name().replace('_', '-'),
        status == null ? null : state(status.state()),
        status == null ? null : status.presented(),
        status == null ? null : status.processing(),
        status == null ? null : status.reason(),
        EventView.about(challenge.getMetadata().getUid(), events));
  }

  private static String state(AcmeState state) {
    return state == null ? null : state.name().toLowerCase(Locale.ROOT);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
