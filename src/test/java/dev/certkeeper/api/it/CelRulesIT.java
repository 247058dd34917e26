package dev.certkeeper.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.TestData;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What cert-manager's validating webhook rejects, the API server rejects through the CRDs' schema
 * and CEL rules, with a message that says what to fix; the good neighbour of each case is accepted.
 */
@ExtendWith(LocalControlPlane.class)
class CelRulesIT {
  private static final String NAMES = "secretName: web-tls, issuerRef: {name: ca}, dnsNames: [web.example.com]";

  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void connect(LocalEnvironment environment) {
    client = environment.client();
    namespace = environment.createNamespace("cel");
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("certificate without any identity", certificate("secretName: web-tls, issuerRef: {name: ca}"),
            "a Certificate must name at least one identity"),
        Arguments.of("duration under 1h", certificate(NAMES + ", duration: 30m"), "duration must be at least 1h"),
        Arguments.of("duration 0, a Go duration without a unit", certificate(NAMES + ", duration: \"0\""), "duration must be at least 1h"),
        Arguments.of("renewBefore 0", certificate(NAMES + ", renewBefore: \"0\""), "renewBefore must be at least 5m"),
        Arguments.of("duration in days", certificate(NAMES + ", duration: 90d"), "must be a Go duration with units h, m or s"),
        Arguments.of("renewBefore under 5m", certificate(NAMES + ", renewBefore: 1m"), "renewBefore must be at least 5m"),
        Arguments.of("renewBefore equal to the default duration", certificate(NAMES + ", renewBefore: 2160h"),
            "renewBefore must be shorter than duration"),
        Arguments.of("renewBefore longer than duration", certificate(NAMES + ", duration: 24h, renewBefore: 48h"),
            "renewBefore must be shorter than duration"),
        Arguments.of("renewBefore with renewBeforePercentage", certificate(NAMES + ", renewBefore: 1h, renewBeforePercentage: 20"),
            "set renewBefore or renewBeforePercentage, not both"),
        Arguments.of("renewBeforePercentage of 0", certificate(NAMES + ", renewBeforePercentage: 0"),
            "renewBeforePercentage must be between 0 and 100, exclusive"),
        Arguments.of("renewBeforePercentage of 100", certificate(NAMES + ", renewBeforePercentage: 100"),
            "renewBeforePercentage must be between 0 and 100, exclusive"),
        Arguments.of("RSA key of 1024 bits", certificate(NAMES + ", privateKey: {algorithm: RSA, size: 1024}"),
            "privateKey.size for RSA must be between 2048 and 8192"),
        Arguments.of("default RSA key of 16384 bits", certificate(NAMES + ", privateKey: {size: 16384}"),
            "privateKey.size for RSA must be between 2048 and 8192"),
        Arguments.of("ECDSA key of 255 bits", certificate(NAMES + ", privateKey: {algorithm: ECDSA, size: 255}"),
            "privateKey.size for ECDSA must be 256, 384 or 521"),
        Arguments.of("unknown key algorithm", certificate(NAMES + ", privateKey: {algorithm: DSA}"),
            "Unsupported value: \"DSA\""),
        Arguments.of("unknown usage", certificate(NAMES + ", usages: [server auth, web server]"),
            "Unsupported value: \"web server\""),
        Arguments.of("ECDSA signature with an RSA key", certificate(NAMES + ", signatureAlgorithm: ECDSAWithSHA256"),
            "signatureAlgorithm does not fit privateKey.algorithm"),
        Arguments.of("nameConstraints on a leaf", certificate(NAMES + ", nameConstraints: {permitted: {dnsDomains: [example.com]}}"),
            "nameConstraints can only be set on a CA certificate"),
        Arguments.of("commonName of 65 characters", certificate(NAMES + ", commonName: " + "a".repeat(65)),
            "commonName must be at most 64 characters"),
        Arguments.of("literalSubject with commonName", certificate(NAMES + ", commonName: web, literalSubject: 'CN=web,O=Example'"),
            "literalSubject cannot be combined with commonName or subject"),
        Arguments.of("literalSubject with a subject serialNumber", certificate(NAMES + ", subject: {serialNumber: '42'}, literalSubject: 'CN=web'"),
            "literalSubject cannot be combined with commonName or subject"),
        Arguments.of("empty issuerRef name", certificate("secretName: web-tls, issuerRef: {name: ''}, dnsNames: [web.example.com]"),
            "issuerRef.name must name an Issuer or ClusterIssuer"),
        Arguments.of("issuerRef without a name", certificate("secretName: web-tls, issuerRef: {kind: ClusterIssuer}, dnsNames: [web.example.com]"),
            "spec.issuerRef.name: Required value"),
        Arguments.of("external issuer kind without its group", certificate("secretName: web-tls, issuerRef: {name: pca, kind: AWSPCAClusterIssuer}, dnsNames: [web.example.com]"),
            "did you forget to set issuerRef.group?"),
        Arguments.of("secretName that is not a Secret name", certificate("secretName: Web_TLS, issuerRef: {name: ca}, dnsNames: [web.example.com]"),
            "secretName must be a valid Secret name"),
        Arguments.of("certificate without secretName", certificate("issuerRef: {name: ca}, dnsNames: [web.example.com]"),
            "spec.secretName: Required value"),
        Arguments.of("IP address that is not one", certificate(NAMES + ", ipAddresses: [300.1.2.3]"),
            "ipAddresses must be IP addresses"),
        Arguments.of("IPv4-mapped IPv6 address whose IPv4 part is not one", certificate(NAMES + ", ipAddresses: ['::ffff:300.0.2.1']"),
            "ipAddresses must be IP addresses"),
        Arguments.of("email address with a display name", certificate(NAMES + ", emailAddresses: ['Ops <ops@example.com>']"),
            "emailAddresses must be plain addresses"),
        Arguments.of("PKCS#12 keystore with two passwords", certificate(NAMES + ", keystores: {pkcs12: {create: true, password: a, passwordSecretRef: {name: pw, key: p}}}"),
            "keystores.pkcs12 needs exactly one of passwordSecretRef and password"),
        Arguments.of("JKS keystore without a password", certificate(NAMES + ", keystores: {jks: {create: true}}"),
            "keystores.jks needs exactly one of passwordSecretRef and password"),
        Arguments.of("secretTemplate claiming a cert-manager.io annotation", certificate(NAMES + ", secretTemplate: {annotations: {cert-manager.io/issuer-name: x}}"),
            "secretTemplate.annotations must not use the cert-manager.io/ prefix"),
        Arguments.of("renewal windows with renewal disabled", certificate(NAMES + ", renewal: {policy: Disabled, windows: [{cron: '0 2 * * *', windowDuration: 4h}]}"),
            "renewal.windows cannot be set when renewal.policy is Disabled"),
        Arguments.of("the same output format twice", certificate(NAMES + ", additionalOutputFormats: [{type: DER}, {type: DER}]"),
            "additionalOutputFormats must not list the same type twice"),
        Arguments.of("otherName with a word for an OID", certificate(NAMES + ", otherNames: [{oid: upn, utf8Value: a@example.com}]"),
            "otherNames[].oid must be a dotted object identifier"),
        Arguments.of("revisionHistoryLimit of 0", certificate(NAMES + ", revisionHistoryLimit: 0"),
            "revisionHistoryLimit must be at least 1"),
        Arguments.of("issuer without a type", issuer("Issuer", "{}"),
            "an issuer needs exactly one of acme, ca, selfSigned, vault or venafi"),
        Arguments.of("cluster issuer with two types", issuer("ClusterIssuer", "{ca: {secretName: ca}, selfSigned: {}}"),
            "an issuer needs exactly one of acme, ca, selfSigned, vault or venafi"),
        Arguments.of("CA issuer without secretName", issuer("Issuer", "{ca: {}}"), "spec.ca.secretName: Required value"),
        Arguments.of("ACME solver with http01 and dns01", acme("[{http01: {ingress: {ingressClassName: nginx}}, dns01: {rfc2136: {nameserver: 192.0.2.53}}}]"),
            "a solver needs exactly one of http01 and dns01"),
        Arguments.of("ACME solver with neither http01 nor dns01", acme("[{selector: {dnsZones: [example.com]}}]"),
            "a solver needs exactly one of http01 and dns01"),
        Arguments.of("http01 solver with ingress and gatewayHTTPRoute", acme("[{http01: {ingress: {}, gatewayHTTPRoute: {parentRefs: [{name: gw}]}}}]"),
            "http01 needs exactly one of ingress and gatewayHTTPRoute"),
        Arguments.of("http01 ingress with class and ingressClassName", acme("[{http01: {ingress: {class: nginx, ingressClassName: nginx}}}]"),
            "http01.ingress takes at most one of class, ingressClassName and name"),
        Arguments.of("dns01 solver with two providers", acme("[{dns01: {rfc2136: {nameserver: 192.0.2.53}, cloudflare: {email: a@example.com}}}]"),
            "dns01 needs exactly one provider"),
        Arguments.of("ACME issuer without account key Secret", issuer("Issuer", "{acme: {server: 'https://acme.example.com/dir', solvers: []}}"),
            "spec.acme.privateKeySecretRef: Required value"),
        Arguments.of("ACME issuer with caBundle and skipTLSVerify", issuer("Issuer", "{acme: {server: 'https://acme.example.com/dir', privateKeySecretRef: {name: k}, caBundle: " + TestData.csrBase64() + ", skipTLSVerify: true}}"),
            "set caBundle or skipTLSVerify, not both"),
        Arguments.of("ACME server that is not a URL", issuer("Issuer", "{acme: {server: letsencrypt, privateKeySecretRef: {name: k}}}"),
            "acme.server must be the URL of the ACME directory"),
        Arguments.of("Venafi issuer with tpp and cloud", issuer("Issuer", "{venafi: {zone: z, tpp: {url: 'https://tpp.example.com'}, cloud: {}}}"),
            "venafi needs exactly one of tpp, cloud or ngts"),
        Arguments.of("certificate request without a request", request("{issuerRef: {name: ca}}"), "spec.request: Required value"),
        Arguments.of("certificate request with an empty request", request("{issuerRef: {name: ca}, request: ''}"),
            "spec.request in body must be of type byte"),
        Arguments.of("certificate request whose request is not base64", request("{issuerRef: {name: ca}, request: 'not base64!'}"),
            "spec.request"),
        Arguments.of("order without issuerRef", order("{request: " + TestData.csrBase64() + "}"), "spec.issuerRef: Required value"));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("rejected")
  void rejectsWithAMessageSayingWhatToFix(String description, GenericKubernetesResource manifest, String message) {
    assertThat(rejected().count()).isGreaterThanOrEqualTo(25);
    assertThatThrownBy(() -> dryRunCreate(manifest))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(message);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("duration of exactly 1h", certificate(NAMES + ", duration: 1h")),
        Arguments.of("renewBefore of exactly 5m", certificate(NAMES + ", renewBefore: 5m")),
        Arguments.of("renewBefore just under duration", certificate(NAMES + ", duration: 1h30m, renewBefore: 1h29m")),
        Arguments.of("renewBeforePercentage of 1", certificate(NAMES + ", renewBeforePercentage: 1")),
        Arguments.of("renewBeforePercentage of 99", certificate(NAMES + ", renewBeforePercentage: 99")),
        Arguments.of("RSA key of 8192 bits", certificate(NAMES + ", privateKey: {algorithm: RSA, size: 8192}")),
        Arguments.of("ECDSA key of 521 bits", certificate(NAMES + ", privateKey: {algorithm: ECDSA, size: 521}, signatureAlgorithm: ECDSAWithSHA512")),
        Arguments.of("Ed25519 key without size", certificate(NAMES + ", privateKey: {algorithm: Ed25519}, signatureAlgorithm: PureEd25519")),
        Arguments.of("Ed25519 key with a size, which it ignores", certificate(NAMES + ", privateKey: {algorithm: Ed25519, size: 256}")),
        Arguments.of("RSA key of size 0, the default", certificate(NAMES + ", privateKey: {algorithm: RSA, size: 0}")),
        Arguments.of("ECDSA key of size 0, the default", certificate(NAMES + ", privateKey: {algorithm: ECDSA, size: 0}")),
        Arguments.of("RSA signature with the default key", certificate(NAMES + ", signatureAlgorithm: SHA384WithRSA")),
        Arguments.of("commonName of 64 characters", certificate(NAMES + ", commonName: " + "a".repeat(64))),
        Arguments.of("only a literalSubject with a CN", certificate("secretName: web-tls, issuerRef: {name: ca}, literalSubject: 'CN=web,O=Example'")),
        Arguments.of("literalSubject with an empty commonName and an empty subject",
            certificate(NAMES + ", commonName: '', subject: {organizations: [], serialNumber: ''}, literalSubject: 'CN=web,O=Example'")),
        Arguments.of("keystores with a password and a passwordSecretRef without a name",
            certificate(NAMES + ", keystores: {jks: {create: true, password: a, passwordSecretRef: {name: ''}}, pkcs12: {create: true, password: a, passwordSecretRef: {name: ''}}}")),
        Arguments.of("only an IPv6 address", certificate("secretName: web-tls, issuerRef: {name: ca}, ipAddresses: ['2001:db8::1']")),
        Arguments.of("IPv4-mapped IPv6 addresses, which Go reads", certificate(NAMES + ", ipAddresses: ['::ffff:192.0.2.1', '::FFFF:c000:201', '0:0:0:0:0:ffff:192.0.2.1']")),
        Arguments.of("external issuer with its group", certificate("secretName: web-tls, issuerRef: {name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}, dnsNames: [web.example.com]")),
        Arguments.of("CA with name constraints", certificate("secretName: ca-tls, issuerRef: {name: root}, commonName: Example CA, isCA: true, nameConstraints: {critical: true, permitted: {dnsDomains: [example.com], ipRanges: [10.0.0.0/8]}}")),
        Arguments.of("allowed cert-manager.io annotation in secretTemplate", certificate(NAMES + ", secretTemplate: {annotations: {cert-manager.io/allow-direct-injection: 'true'}}")),
        Arguments.of("selfSigned cluster issuer", issuer("ClusterIssuer", "{selfSigned: {}}")),
        Arguments.of("ACME issuer with no solvers", issuer("Issuer", "{acme: {server: 'https://acme.example.com/dir', privateKeySecretRef: {name: k}}}")),
        Arguments.of("http01 solver using the default ingress class", acme("[{http01: {ingress: {}}}]")),
        Arguments.of("http01 solver with an empty serviceType, the default", acme("[{http01: {ingress: {serviceType: ''}}}]")),
        Arguments.of("http01 ingress with a class and an empty name, which names no Ingress", acme("[{http01: {ingress: {class: nginx, name: ''}}}]")),
        Arguments.of("ACME server with its scheme in capitals", issuer("Issuer", "{acme: {server: 'HTTPS://acme.example.com/dir', privateKeySecretRef: {name: k}}}")),
        Arguments.of("Vault issuer kept as written", issuer("Issuer", "{vault: {server: 'https://vault.example.com', path: pki/sign/web, auth: {tokenSecretRef: {name: t, key: token}}}}")),
        Arguments.of("certificate request with a CSR", request("{issuerRef: {name: ca}, request: " + TestData.csrBase64() + "}")));
  }

  @ParameterizedTest(name = "accepts {0}")
  @MethodSource("accepted")
  void acceptsTheValidNeighbour(String description, GenericKubernetesResource manifest) {
    assertThat(dryRunCreate(manifest)).isNotNull();
  }

  @Test
  void certificateRequestSpecCannotChangeAfterCreation() {
    GenericKubernetesResource request = request("{issuerRef: {name: ca}, request: " + TestData.csrBase64() + "}");
    request.getMetadata().setName("immutable");
    client.resource(request).inNamespace(namespace).create();
    // A merge patch carries no resourceVersion, so the operator writing the request's status
    // meanwhile cannot turn the expected rejection into a conflict.
    assertThatThrownBy(
            () -> client.genericKubernetesResources("cert-manager.io/v1", "CertificateRequest").inNamespace(namespace).withName("immutable")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"issuerRef\":{\"name\":\"other-ca\"}}}"))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("the spec of a CertificateRequest cannot change after creation");
  }

  private static HasMetadata dryRunCreate(GenericKubernetesResource manifest) {
    return Scoped.resource(client, manifest, namespace).dryRun().create();
  }

  private static GenericKubernetesResource certificate(String spec) {
    return manifest("cert-manager.io/v1", "Certificate", spec);
  }

  private static GenericKubernetesResource issuer(String kind, String spec) {
    return manifest("cert-manager.io/v1", kind, spec);
  }

  private static GenericKubernetesResource acme(String solvers) {
    return issuer("Issuer", "{acme: {server: 'https://acme.example.com/dir', privateKeySecretRef: {name: k}, solvers: " + solvers + "}}");
  }

  private static GenericKubernetesResource request(String spec) {
    return manifest("cert-manager.io/v1", "CertificateRequest", spec);
  }

  private static GenericKubernetesResource order(String spec) {
    return manifest("acme.cert-manager.io/v1", "Order", spec);
  }

  private static GenericKubernetesResource manifest(String apiVersion, String kind, String spec) {
    String yaml = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: cel-case}\nspec: " + (spec.startsWith("{") ? spec : "{" + spec + "}");
    return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }
}
