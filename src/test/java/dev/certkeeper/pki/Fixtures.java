package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Specs written as users write them, and CAs to sign with. */
public final class Fixtures {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Fixtures() {}

  /** A key and the certificate for it. */
  public record Issued(KeyPair keyPair, X509Certificate certificate) {}

  /** The spec of a Certificate manifest whose spec is the given YAML (secretName and issuerRef are added). */
  public static CertificateSpec spec(String specYaml) {
    String yaml = "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: test}\nspec:\n"
        + "  secretName: test-tls\n  issuerRef: {name: test}\n"
        + specYaml.lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    return SERIALIZATION.unmarshal(yaml, Certificate.class).getSpec();
  }

  static KeyPair keyPair(PrivateKeyAlgorithm algorithm, Integer size) {
    return PrivateKeys.generate(new CertificatePrivateKey(null, null, algorithm, size));
  }

  /** A self-signed CA valid from now for the duration. */
  public static Issued selfSignedCa(String commonName, PrivateKeyAlgorithm algorithm, Integer size, Duration duration) {
    KeyPair keyPair = keyPair(algorithm, size);
    CertificateSpec spec = spec(
        "commonName: " + commonName + "\nisCA: true\nusages: [cert sign, crl sign]\nprivateKey: {algorithm: " + json(algorithm) + "}");
    ParsedRequest request = CertificateSigningRequests.parse(CertificateSigningRequests.create(spec, keyPair));
    X509Certificate certificate =
        CertificateSigner.sign(request, SigningParameters.selfSigned(keyPair.getPrivate(), Instant.now(), duration, true, spec.usages()));
    return new Issued(keyPair, certificate);
  }

  /** A leaf for the spec, signed by the CA with the spec's usages. */
  public static Issued leaf(CertificateSpec spec, Issued ca) {
    KeyPair keyPair = PrivateKeys.generate(spec.effectivePrivateKey());
    ParsedRequest request = CertificateSigningRequests.parse(CertificateSigningRequests.create(spec, keyPair));
    X509Certificate certificate = CertificateSigner.sign(request, SigningParameters.signedBy(
        ca.certificate(), ca.keyPair().getPrivate(), Instant.now(), spec.effectiveDuration(), spec.effectiveIsCA(), spec.usages()));
    return new Issued(keyPair, certificate);
  }

  static String json(PrivateKeyAlgorithm algorithm) {
    return algorithm == PrivateKeyAlgorithm.ED25519 ? "Ed25519" : algorithm.name();
  }
}
