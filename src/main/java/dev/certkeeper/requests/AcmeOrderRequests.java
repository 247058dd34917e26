package dev.certkeeper.requests;

import dev.certkeeper.acme.http01.Http01Annotations;
import dev.certkeeper.api.acme.AcmeIssuer;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.acme.OrderSpec;
import dev.certkeeper.api.acme.OrderStatus;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.CertificateRequestSpec;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.kube.ChildNames;
import dev.certkeeper.kube.OwnerReferences;
import dev.certkeeper.kube.Writes;
import dev.certkeeper.pki.AlternativeNames;
import dev.certkeeper.pki.IpAddresses;
import dev.certkeeper.pki.ParsedRequest;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An ACME issuer signs a CertificateRequest through one Order, named after the request so a
 * restarted operator finds it again. The request waits on the Order's state: valid brings the
 * certificate, a final failure fails the request with the CA's reason.
 */
final class AcmeOrderRequests {
  /** Annotations handed down to the Order, whose Challenges apply them. */
  private static final List<String> HANDED_DOWN =
      Stream.concat(Http01Annotations.OVERRIDES.stream(), Stream.of(Annotations.ACME_PROFILE)).toList();
  /** An ARI CertID (RFC 9773 §4.1): two base64url parts, the Authority Key Identifier and the serial number. */
  private static final Pattern CERT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}\\.[A-Za-z0-9_-]{1,64}");
  /** A safety net only: every change of the Order wakes the request anyway. */
  private static final Duration RECHECK = Duration.ofMinutes(5);

  private final KubernetesClient client;

  AcmeOrderRequests(KubernetesClient client) {
    this.client = client;
  }

  /** Creates the request's Order if needed and reports where it stands. */
  RequestOutcome sign(CertificateRequest request, AcmeIssuer acme, ParsedRequest csr, Function<ResourceID, Optional<Order>> cachedOrders) {
    String namespace = request.getMetadata().getNamespace();
    // Keyed on the CSR: the same Order after a restart, a new one for a new CSR.
    String name = ChildNames.of(request.getMetadata().getName(), 52, request.getSpec().request());
    Order order = cachedOrders.apply(new ResourceID(name, namespace))
        .orElseGet(() -> client.resources(Order.class).inNamespace(namespace).withName(name).get());
    String described = "Order \"" + namespace + "/" + name + "\"";
    if (order == null) {
      Optional<String> unlisted = commonNameNotAnIdentifier(csr);
      if (unlisted.isPresent()) {
        return new RequestOutcome.Failed("InvalidOrder", unlisted.get(), true);
      }
      create(request, acme, csr, name);
      return new RequestOutcome.Pending("OrderCreated", "Created " + described, RECHECK, false);
    }
    if (!OwnerReferences.isControlledBy(order, request)) {
      // Left by an earlier request of the same name (a retry after a failure, with the same CSR),
      // whose garbage collection is under way: its verdict is not this request's.
      client.resource(order).delete();
      return new RequestOutcome.Pending("OrderPending", "Waiting for " + described + ", left by an earlier request of the same name, to be removed", RECHECK, false);
    }
    OrderStatus status = order.getStatus();
    String reason = status == null || status.reason() == null || status.reason().isEmpty() ? "" : ": " + status.reason();
    if (status == null || status.state() == null) {
      // The reason says why it has not been sent yet, for example "rate limited until <time>".
      return new RequestOutcome.Pending("OrderPending", "Waiting for " + described + " to be sent to the ACME server" + reason, RECHECK, false);
    }
    return switch (status.state()) {
      case VALID -> status.certificate() == null
          ? new RequestOutcome.Pending("OrderPending", described + " is valid; downloading the certificate", RECHECK, false)
          : new RequestOutcome.Signed(new String(Base64.getDecoder().decode(status.certificate()), StandardCharsets.UTF_8), null);
      case INVALID, EXPIRED ->
          new RequestOutcome.Failed("Failed", "Failed to wait for " + described + " to become ready: order is in \"" + json(status) + "\" state" + reason, false);
      // Errored: the CA refused the order for good (rejectedIdentifier, caa, ...). The same request
      // would be refused again, so it is marked InvalidRequest and the Certificate waits at the
      // back-off ceiling.
      case ERRORED ->
          new RequestOutcome.Failed("OrderFailed", "Failed to wait for " + described + " to become ready: order is in \"" + json(status) + "\" state" + reason, true);
      default -> new RequestOutcome.Pending("OrderPending", "Waiting on certificate issuance from " + described + ": \"" + json(status) + "\"" + reason, RECHECK, false);
    };
  }

  /**
   * As cert-manager, a common name must also be one of the order's identifiers (a DNS name or an IP
   * address): a CA issues only for what it validated, so the order would pass its challenges and
   * then be refused at finalization. A common name alone becomes the identifier itself.
   */
  static Optional<String> commonNameNotAnIdentifier(ParsedRequest csr) {
    String commonName = csr.commonName();
    AlternativeNames names = csr.alternativeNames();
    if (commonName == null || commonName.isEmpty() || (names.dnsNames().isEmpty() && names.ipAddresses().isEmpty())
        || names.dnsNames().contains(commonName) || names.ipAddresses().contains(IpAddresses.isValid(commonName) ? IpAddresses.normalise(commonName) : commonName)) {
      return Optional.empty();
    }
    return Optional.of("The CSR PEM requests a commonName that is not present in the list of dnsNames or ipAddresses. If a commonName is set,"
        + " ACME requires that the value is also present in the list of dnsNames or ipAddresses: add \"" + commonName + "\" to spec.dnsNames, or drop spec.commonName");
  }

  /** The certificate the order replaces, as the certificates controller named it; a value that is no CertID is not sent. */
  static String replaces(Map<String, String> annotations) {
    String id = annotations.get(Annotations.ACME_REPLACES);
    return id != null && CERT_ID.matcher(id).matches() ? id : null;
  }

  private static String json(OrderStatus status) {
    return status.state().name().toLowerCase(java.util.Locale.ROOT);
  }

  private void create(CertificateRequest request, AcmeIssuer acme, ParsedRequest csr, String name) {
    CertificateRequestSpec spec = request.getSpec();
    Map<String, String> requestAnnotations = Optional.ofNullable(request.getMetadata().getAnnotations()).orElse(Map.of());
    Map<String, String> annotations = new LinkedHashMap<>();
    HANDED_DOWN.forEach(key -> Optional.ofNullable(requestAnnotations.get(key)).ifPresent(v -> annotations.put(key, v)));
    String profile = Optional.ofNullable(requestAnnotations.get(Annotations.ACME_PROFILE)).filter(p -> !p.isEmpty()).orElse(acme.profile());
    AlternativeNames names = csr.alternativeNames();
    String commonName = csr.commonName() == null || csr.commonName().isEmpty() ? null : csr.commonName();
    Order order = new Order();
    order.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(request.getMetadata().getNamespace())
            .withLabels(request.getMetadata().getLabels())
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .withOwnerReferences(OwnerReferences.controlledBy(request))
            .build());
    order.setSpec(
        new OrderSpec(
            spec.request(),
            spec.issuerRef(),
            commonName,
            names.dnsNames().isEmpty() ? null : names.dnsNames(),
            names.ipAddresses().isEmpty() ? null : names.ipAddresses(),
            Boolean.TRUE.equals(acme.enableDurationFeature()) ? spec.duration() : null,
            profile,
            replaces(requestAnnotations)));
    Writes.createIfAbsent(client, order);
  }

}
