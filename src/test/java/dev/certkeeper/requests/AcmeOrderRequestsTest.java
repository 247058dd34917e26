package dev.certkeeper.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.pki.CertificateSigningRequests;
import dev.certkeeper.pki.ParsedRequest;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a request's Order sends: the ARI CertID the certificates controller named and nothing else; and only a common name the CA validates. */
class AcmeOrderRequestsTest {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final KeyPair KEY = PrivateKeys.generate(new CertificatePrivateKey(null, null, PrivateKeyAlgorithm.ECDSA, null));

  private static ParsedRequest csr(String spec) {
    Certificate certificate = YAML.unmarshal("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web}\nspec: {secretName: web-tls, issuerRef: {name: le}, privateKey: {algorithm: ECDSA}, "
        + spec + "}", Certificate.class);
    return CertificateSigningRequests.read(CertificateSigningRequests.create(certificate.getSpec(), KEY));
  }

  static Stream<Arguments> commonNames() {
    return Stream.of(
        Arguments.of("no common name", "dnsNames: [www.example.com]", false),
        Arguments.of("a common name among the DNS names", "commonName: example.com, dnsNames: [example.com, www.example.com]", false),
        Arguments.of("a common name alone, which becomes the identifier", "commonName: example.com", false),
        Arguments.of("a common name among the IP addresses, spelled otherwise", "commonName: \"2001:DB8::1\", ipAddresses: [\"2001:db8::1\"]", false),
        Arguments.of("a common name not among the DNS names", "commonName: example.com, dnsNames: [www.example.com]", true),
        Arguments.of("a common name not among the IP addresses", "commonName: example.com, ipAddresses: [192.0.2.1]", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commonNames")
  void refusesACommonNameTheOrderWouldNotValidate(String description, String spec, boolean refused) {
    Optional<String> problem = AcmeOrderRequests.commonNameNotAnIdentifier(csr(spec));
    if (refused) {
      assertThat(problem).hasValueSatisfying(m -> assertThat(m).contains("not present in the list of dnsNames or ipAddresses", "add \"example.com\" to spec.dnsNames"));
    } else {
      assertThat(problem).isEmpty();
    }
  }

  static Stream<Arguments> annotations() {
    return Stream.of(
        Arguments.of("a CertID", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"),
        Arguments.of("none", null, null),
        Arguments.of("empty", "", null),
        Arguments.of("no serial part", "aYhba4dGQEHhs3uEe6CuLN4ByNQ", null),
        Arguments.of("padding is not base64url without padding", "aYhba4dGQEHhs3uEe6CuLN4ByNQ=.AIdlQyE", null),
        Arguments.of("a path", "../../x.y", null),
        Arguments.of("three parts", "a.b.c", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("annotations")
  void sendsOnlyAWellFormedCertId(String behaviour, String value, String sent) {
    Map<String, String> annotations = value == null ? Map.of() : Map.of(Annotations.ACME_REPLACES, value);
    assertThat(AcmeOrderRequests.replaces(annotations)).isEqualTo(sent);
  }
}
