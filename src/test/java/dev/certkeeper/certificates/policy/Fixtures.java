package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.pki.CertificateSigningRequests;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Certificates, Secrets and inputs for the policy tests, written as the YAML a user would apply. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Instant NOT_BEFORE = NOW.minus(Duration.ofDays(10));
  static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(90));

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private Fixtures() {}

  /** A Certificate "web" into Secret "web-tls" for Issuer "ca" unless a line gives another issuerRef. */
  static Certificate certificate(String... specLines) {
    return YAML.unmarshal(
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps}\nspec:\n"
            + spec(Stream.of("secretName: web-tls"), specLines),
        Certificate.class);
  }

  /** web.example.com, the default Certificate's name, on an RSA-2048 key with the default usages. */
  static TestPki.Builder webCertificate(KeyPair keys) {
    return TestPki.certificate(keys).dnsNames("web.example.com");
  }

  /** A CertificateRequest for Issuer "ca" unless a line gives another issuerRef. */
  static CertificateRequest request(String... specLines) {
    return YAML.unmarshal(
        "apiVersion: cert-manager.io/v1\nkind: CertificateRequest\nmetadata: {name: web-1, namespace: apps}\nspec:\n"
            + spec(Stream.of("request: Zm9v"), specLines),
        CertificateRequest.class);
  }

  /** The current request with the CSR certkeeper builds for {@code requestedFor} on this key. */
  static RequestState currentRequest(Certificate requestedFor, PublicKey key, String... requestLines) {
    return new RequestState(request(requestLines), CertificateSigningRequests.expected(requestedFor.getSpec(), key), null);
  }

  private static String spec(Stream<String> fixed, String... lines) {
    Stream<String> issuer = Stream.of(lines).anyMatch(line -> line.startsWith("issuerRef:")) ? Stream.of() : Stream.of("issuerRef: {name: ca}");
    return Stream.of(fixed, issuer, Stream.of(lines))
        .flatMap(s -> s)
        .map(line -> "  " + line + "\n")
        .collect(Collectors.joining());
  }

  /** The annotations certkeeper writes on a Secret it issued for this Certificate. */
  static Map<String, String> issuedAnnotations(Certificate certificate) {
    return Map.of(
        Annotations.CERTIFICATE_NAME, certificate.getMetadata().getName(),
        Annotations.ISSUER_NAME, certificate.getSpec().issuerRef().name(),
        Annotations.ISSUER_KIND, certificate.getSpec().issuerRef().effectiveKind(),
        Annotations.ISSUER_GROUP, certificate.getSpec().issuerRef().effectiveGroup());
  }

  static SecretState secret(Map<String, String> annotations, X509Certificate certificate, PrivateKey key) {
    Set<String> keys = new HashSet<>();
    if (certificate != null) {
      keys.add(SecretState.TLS_CERT);
    }
    if (key != null) {
      keys.add(SecretState.TLS_KEY);
    }
    return new SecretState(true, annotations, keys, certificate, null, key, null);
  }

  /** The Secret as certkeeper would have written it for this Certificate. */
  static SecretState issued(Certificate certificate, X509Certificate x509, PrivateKey key) {
    return secret(issuedAnnotations(certificate), x509, key);
  }

  static Map<String, String> with(Map<String, String> annotations, String key, String value) {
    Map<String, String> copy = new HashMap<>(annotations);
    copy.put(key, value);
    return copy;
  }

  static PolicyInput input(Certificate certificate, SecretState secret) {
    return new PolicyInput(certificate, secret, null, NOW);
  }

  static PolicyInput input(Certificate certificate, SecretState secret, RequestState request) {
    return new PolicyInput(certificate, secret, request, NOW);
  }

  /** A healthy input: the default Certificate, its Secret issued with RSA-2048 key 0. */
  static PolicyInput healthy(Certificate certificate) {
    KeyPair keys = TestPki.key("RSA-2048");
    return input(certificate, issued(certificate, webCertificate(keys).build(), keys.getPrivate()));
  }
}
