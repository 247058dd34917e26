package dev.certkeeper.certificates.policy;

import static dev.certkeeper.certificates.policy.Fixtures.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.certificates.Annotations;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SecretIssuerAnnotationsMismatch and SecretCertificateNameAnnotationsMismatch. */
class AnnotationChecksTest {
  private static final String NAME = Annotations.ISSUER_NAME;
  private static final String KIND = Annotations.ISSUER_KIND;
  private static final String GROUP = Annotations.ISSUER_GROUP;

  private static PolicyInput inputWith(Certificate certificate, Map<String, String> annotations) {
    KeyPair keys = TestPki.key("RSA-2048");
    return Fixtures.input(certificate, Fixtures.secret(annotations, Fixtures.webCertificate(keys).build(), keys.getPrivate()));
  }

  static Stream<Arguments> issuerAnnotations() {
    String issuer = "issuerRef: {name: ca}";
    String clusterIssuer = "issuerRef: {name: ca, kind: ClusterIssuer}";
    return Stream.of(
        Arguments.of("no issuer annotations", clusterIssuer, Map.of(), null),
        Arguments.of("same issuer", issuer, Map.of(NAME, "ca", KIND, "Issuer", GROUP, "cert-manager.io"), null),
        Arguments.of("kind and group left to their defaults", issuer, Map.of(NAME, "ca", KIND, "", GROUP, ""), null),
        Arguments.of("explicit defaults in the spec", "issuerRef: {name: ca, kind: Issuer, group: cert-manager.io}", Map.of(NAME, "ca"), null),
        Arguments.of("other issuer name", issuer, Map.of(NAME, "old-ca", KIND, "Issuer", GROUP, "cert-manager.io"),
            "Issuing certificate as Secret was previously issued by \"Issuer.cert-manager.io/old-ca\""),
        Arguments.of("issuer became a ClusterIssuer", clusterIssuer, Map.of(NAME, "ca", KIND, "Issuer", GROUP, "cert-manager.io"),
            "Issuing certificate as Secret was previously issued by \"Issuer.cert-manager.io/ca\""),
        Arguments.of("only the name annotation, ClusterIssuer wanted", clusterIssuer, Map.of(NAME, "ca"),
            "Issuing certificate as Secret was previously issued by \"Issuer.cert-manager.io/ca\""),
        Arguments.of("external issuer group changed", "issuerRef: {name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}",
            Map.of(NAME, "pca", KIND, "AWSPCAClusterIssuer", GROUP, "old.example.com"),
            "Issuing certificate as Secret was previously issued by \"AWSPCAClusterIssuer.old.example.com/pca\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("issuerAnnotations")
  void reissuesWhenTheIssuerChanged(String description, String issuerRef, Map<String, String> annotations, String message) {
    Certificate certificate = certificate("dnsNames: [web.example.com]", issuerRef);
    PolicyInput input = inputWith(certificate, annotations);
    Optional<Violation> violation = AnnotationChecks.secretIssuerAnnotationsMismatch(input);
    assertThat(violation).isEqualTo(Optional.ofNullable(message).map(m -> new Violation("IncorrectIssuer", m)));
    // What decides whether the CA is asked for renewal information about the Secret's certificate.
    assertThat(Policies.secretFromCurrentIssuer(certificate, input.secret(), input.now())).isEqualTo(message == null);
  }

  static Stream<Arguments> certificateNameAnnotations() {
    return Stream.of(
        Arguments.of("no annotation", Map.of(), null),
        Arguments.of("this Certificate", Map.of(Annotations.CERTIFICATE_NAME, "web"), null),
        Arguments.of("another Certificate", Map.of(Annotations.CERTIFICATE_NAME, "web-old"),
            "Secret was issued for \"web-old\". If this message is not transient, you might have two conflicting"
                + " Certificates pointing to the same secret."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("certificateNameAnnotations")
  void reissuesWhenTheSecretBelongsToAnotherCertificate(String description, Map<String, String> annotations, String message) {
    Certificate certificate = certificate("dnsNames: [web.example.com]");
    Optional<Violation> violation = AnnotationChecks.secretCertificateNameAnnotationsMismatch(inputWith(certificate, annotations));
    assertThat(violation).isEqualTo(Optional.ofNullable(message).map(m -> new Violation("IncorrectCertificate", m)));
  }
}
