package dev.certkeeper.requests;

import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.CertificateRequestSpec;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.IssuerSpec;
import dev.certkeeper.api.certmanager.IssuerStatus;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.issuers.CaKeyPair;
import dev.certkeeper.issuers.IssuerLookup;
import dev.certkeeper.pki.CertificateChains;
import dev.certkeeper.pki.CertificateSigner;
import dev.certkeeper.pki.CertificateSigningRequests;
import dev.certkeeper.pki.ParsedRequest;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import dev.certkeeper.pki.SigningParameters;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signs a CertificateRequest with the SelfSigned or CA issuer it references (or hands it to an ACME
 * Order), or says why it cannot
 * yet (issuer missing or not ready, key Secret missing) or ever (unreadable CSR, foreign key).
 */
public final class RequestSigner {
  /** How long to wait before looking again at an issuer or Secret that is not there yet. */
  static final Duration RETRY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final AcmeOrderRequests orders;

  public RequestSigner(KubernetesClient client) {
    this.client = client;
    this.orders = new AcmeOrderRequests(client);
  }

  /**
   * Signs the request with the issuer it references, as found, or says why not. An ACME request's
   * Order is looked up in {@code cachedOrders} first, and read from the API server only when the
   * cache has not seen it (yet).
   */
  public RequestOutcome sign(CertificateRequest request, IssuerLookup.Found found, Function<ResourceID, Optional<Order>> cachedOrders, Instant now) {
    CertificateRequestSpec spec = request.getSpec();
    String notReady = found.notReadyReason();
    if (notReady != null) {
      return new RequestOutcome.Pending(found.issuer() == null ? "IssuerNotFound" : "IssuerNotReady", notReady, RETRY);
    }
    CustomResource<IssuerSpec, IssuerStatus> issuer = found.issuer();
    String described = found.described();

    ParsedRequest csr;
    try {
      csr = CertificateSigningRequests.parse(new String(Base64.getDecoder().decode(spec.request()), StandardCharsets.UTF_8));
    } catch (PkiException | IllegalArgumentException e) {
      return new RequestOutcome.Failed("RequestParsingError", "Failed to decode the CSR in spec.request: " + e.getMessage(), true);
    }
    Duration duration;
    try {
      duration = spec.duration() == null ? CertificateSpec.DEFAULT_DURATION : GoDuration.parse(spec.duration());
    } catch (IllegalArgumentException e) {
      // The CertificateRequest CRD does not check it (cert-manager's webhook did): a request made by hand can hold anything.
      return new RequestOutcome.Failed("InvalidRequest", "spec.duration: " + e.getMessage(), true);
    }
    IssuerSpec issuerSpec = issuer.getSpec();
    if (issuerSpec.acme() != null) {
      return orders.sign(request, issuerSpec.acme(), csr, cachedOrders);
    }
    if (issuerSpec.selfSigned() != null) {
      return selfSigned(request, csr, duration, issuerSpec.selfSigned().crlDistributionPoints(), now);
    }
    if (issuerSpec.ca() != null) {
      String secretNamespace = found.secretNamespace();
      String name = issuerSpec.ca().secretName();
      CaKeyPair ca = CaKeyPair.read(secretNamespace, name, secret(secretNamespace, name), now);
      if (ca.problem().isPresent()) {
        return new RequestOutcome.Pending(ca.reason(), ca.problem().get(), RETRY);
      }
      SigningParameters parameters =
          SigningParameters.signedBy(ca.certificate(), ca.key(), now, duration, spec.effectiveIsCA(), spec.usages())
              .withUrls(issuerSpec.ca().crlDistributionPoints(), issuerSpec.ca().ocspServers(), issuerSpec.ca().issuingCertificateURLs());
      return signWith(csr, parameters, ca.chain());
    }
    return new RequestOutcome.Pending("IssuerNotReady", described + " is of a type certkeeper cannot sign with yet", RETRY);
  }

  private RequestOutcome selfSigned(CertificateRequest request, ParsedRequest csr, Duration duration, List<String> crls, Instant now) {
    String namespace = request.getMetadata().getNamespace();
    String keySecret = Annotations.value(request, Annotations.PRIVATE_KEY_SECRET_NAME).orElse(null);
    if (keySecret == null || keySecret.isEmpty()) {
      return new RequestOutcome.Failed(
          "MissingAnnotation", "a SelfSigned issuer needs the annotation " + Annotations.PRIVATE_KEY_SECRET_NAME + " naming the Secret with the request's private key", false);
    }
    Optional<Secret> secret = secret(namespace, keySecret);
    String keyPem = secret.map(s -> s.getData() == null ? null : s.getData().get("tls.key")).map(b -> new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8)).orElse(null);
    if (keyPem == null) {
      return new RequestOutcome.Pending("SecretMissing", "Secret \"" + namespace + "/" + keySecret + "\" with the private key (tls.key) does not exist yet", RETRY);
    }
    PrivateKey key;
    try {
      key = PrivateKeys.parsePem(keyPem);
    } catch (PkiException e) {
      return new RequestOutcome.Failed("ErrorParsingKey", "Secret \"" + namespace + "/" + keySecret + "\": " + e.getMessage(), false);
    }
    if (!PrivateKeys.matches(key, csr.publicKey())) {
      return new RequestOutcome.Failed(
          "ErrorKeyMatch", "the private key in Secret \"" + namespace + "/" + keySecret + "\" does not belong to the public key of the request", false);
    }
    SigningParameters parameters =
        SigningParameters.selfSigned(key, now, duration, request.getSpec().effectiveIsCA(), request.getSpec().usages())
            .withUrls(crls, null, null);
    return signWith(csr, parameters, List.of());
  }

  private static RequestOutcome signWith(ParsedRequest csr, SigningParameters parameters, List<X509Certificate> caChain) {
    X509Certificate leaf;
    try {
      leaf = CertificateSigner.sign(csr, parameters);
    } catch (PkiException e) {
      return new RequestOutcome.Failed("SigningError", "Failed to sign the certificate: " + e.getMessage(), false);
    }
    return signed(leaf, caChain);
  }

  /**
   * The leaf with the issuer's chain above it, as cert-manager's ParseSingleCertificateChain: a
   * self-signed root goes into ca.crt only, since a client that trusts it holds it already; the
   * top of the chain is the CA, and a self-signed leaf is its own.
   */
  static RequestOutcome.Signed signed(X509Certificate leaf, List<X509Certificate> caChain) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    caChain.stream().filter(ca -> !CertificateChains.selfSigned(ca)).forEach(chain::add);
    X509Certificate root = caChain.isEmpty() ? leaf : caChain.get(caChain.size() - 1);
    return new RequestOutcome.Signed(Pem.encodeCertificates(chain), Pem.encodeCertificates(List.of(root)));
  }

  private Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }
}
