package dev.certkeeper.ingressshim;

import static dev.certkeeper.ingressshim.Ingresses.WEB;
import static dev.certkeeper.ingressshim.Ingresses.ingress;
import static dev.certkeeper.ingressshim.Ingresses.spec;
import static dev.certkeeper.ingressshim.Ingresses.tls;
import static dev.certkeeper.ingressshim.Ingresses.withClusterIssuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.meta.IssuerReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ingress-shim's pure decision: which Certificates an Ingress asks for, or why it asks for none. */
class IngressCertificatesTest {
  private static final IngressShimOptions DEFAULTS = IngressShimOptions.DEFAULTS;
  private static final IngressShimOptions LETSENCRYPT_BY_DEFAULT =
      new IngressShimOptions("letsencrypt", "ClusterIssuer", "cert-manager.io", List.of("kubernetes.io/tls-acme"), List.of());

  private static Certificate onlyCertificate(Map<String, String> annotations, IngressShimOptions options) {
    DesiredCertificates desired = IngressCertificates.derive(ingress(annotations, WEB), options);
    assertThat(desired.problems()).isEmpty();
    assertThat(desired.certificates()).hasSize(1);
    return desired.certificates().get(0);
  }

  static Stream<Arguments> triggers() {
    return Stream.of(
        Arguments.of("cert-manager.io/issuer", Map.of("cert-manager.io/issuer", "ca"), DEFAULTS, true),
        Arguments.of("cert-manager.io/cluster-issuer", Map.of("cert-manager.io/cluster-issuer", "ca"), DEFAULTS, true),
        Arguments.of("an empty issuer annotation still asks (and is then reported)", Map.of("cert-manager.io/issuer", ""), DEFAULTS, true),
        Arguments.of("tls-acme true", Map.of("kubernetes.io/tls-acme", "true"), DEFAULTS, true),
        Arguments.of("tls-acme True", Map.of("kubernetes.io/tls-acme", "True"), DEFAULTS, true),
        Arguments.of("tls-acme 1", Map.of("kubernetes.io/tls-acme", "1"), DEFAULTS, true),
        Arguments.of("tls-acme t", Map.of("kubernetes.io/tls-acme", "t"), DEFAULTS, true),
        Arguments.of("tls-acme false", Map.of("kubernetes.io/tls-acme", "false"), DEFAULTS, false),
        Arguments.of("tls-acme yes, which Go does not read as true", Map.of("kubernetes.io/tls-acme", "yes"), DEFAULTS, false),
        Arguments.of("tls-acme when another auto annotation is configured", Map.of("kubernetes.io/tls-acme", "true"),
            new IngressShimOptions("", "Issuer", "cert-manager.io", List.of("example.com/tls"), List.of()), false),
        Arguments.of("the configured auto annotation", Map.of("example.com/tls", "true"),
            new IngressShimOptions("", "Issuer", "cert-manager.io", List.of("example.com/tls"), List.of()), true),
        Arguments.of("the issuer kind alone", Map.of("cert-manager.io/issuer-kind", "Issuer"), DEFAULTS, false),
        Arguments.of("no annotations", Map.of(), DEFAULTS, false),
        Arguments.of("another controller's annotations", Map.of("nginx.ingress.kubernetes.io/ssl-redirect", "true"), DEFAULTS, false));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("triggers")
  void onlyAnIssuerOrATrueAutoCertificateAnnotationAsksForCertificates(
      String description, Map<String, String> annotations, IngressShimOptions options, boolean requested) {
    assertThat(IngressCertificates.requested(ingress(annotations, WEB), options)).isEqualTo(requested);
  }

  @Test
  void anIngressBeingDeletedInTheBackgroundOrForegroundIsBeingDeleted() {
    Ingress live = ingress(withClusterIssuer(Map.of()), WEB);
    Ingress deleted = ingress(withClusterIssuer(Map.of()), WEB);
    deleted.getMetadata().setDeletionTimestamp("2025-06-01T12:00:00Z");
    Ingress foreground = ingress(withClusterIssuer(Map.of()), WEB);
    foreground.getMetadata().setFinalizers(List.of("foregroundDeletion"));

    assertThat(IngressCertificates.beingDeleted(live)).isFalse();
    assertThat(IngressCertificates.beingDeleted(deleted)).isTrue();
    assertThat(IngressCertificates.beingDeleted(foreground)).isTrue();
  }

  static Stream<Arguments> issuers() {
    IngressShimOptions exampleGroup = new IngressShimOptions("", "Issuer", "example.com", List.of("kubernetes.io/tls-acme"), List.of());
    IngressShimOptions customAuto = new IngressShimOptions("letsencrypt", "ClusterIssuer", "cert-manager.io", List.of("example.com/tls"), List.of());
    return Stream.of(
        Arguments.of("cluster-issuer names a ClusterIssuer", Map.of("cert-manager.io/cluster-issuer", "ca"), DEFAULTS,
            new IssuerReference("ca", "ClusterIssuer", "cert-manager.io")),
        Arguments.of("issuer names an Issuer", Map.of("cert-manager.io/issuer", "ca"), DEFAULTS, new IssuerReference("ca", "Issuer", "cert-manager.io")),
        Arguments.of("issuer-kind and issuer-group name an external issuer",
            Map.of("cert-manager.io/issuer", "pca", "cert-manager.io/issuer-kind", "AWSPCAClusterIssuer", "cert-manager.io/issuer-group",
                "awspca.cert-manager.io"),
            DEFAULTS, new IssuerReference("pca", "AWSPCAClusterIssuer", "awspca.cert-manager.io")),
        Arguments.of("issuer-kind may make an issuer a ClusterIssuer", Map.of("cert-manager.io/issuer", "ca", "cert-manager.io/issuer-kind", "ClusterIssuer"),
            DEFAULTS, new IssuerReference("ca", "ClusterIssuer", "cert-manager.io")),
        Arguments.of("tls-acme takes the default issuer flags", Map.of("kubernetes.io/tls-acme", "true"), LETSENCRYPT_BY_DEFAULT,
            new IssuerReference("letsencrypt", "ClusterIssuer", "cert-manager.io")),
        Arguments.of("tls-acme with a default issuer of the default kind", Map.of("kubernetes.io/tls-acme", "true"),
            new IngressShimOptions("acme", "Issuer", "cert-manager.io", List.of("kubernetes.io/tls-acme"), List.of()),
            new IssuerReference("acme", "Issuer", "cert-manager.io")),
        Arguments.of("an issuer annotation wins over tls-acme", Map.of("kubernetes.io/tls-acme", "true", "cert-manager.io/issuer", "ca"),
            LETSENCRYPT_BY_DEFAULT, new IssuerReference("ca", "Issuer", "cert-manager.io")),
        Arguments.of("issuer-kind changes the default issuer's kind", Map.of("kubernetes.io/tls-acme", "true", "cert-manager.io/issuer-kind", "Issuer"),
            LETSENCRYPT_BY_DEFAULT, new IssuerReference("letsencrypt", "Issuer", "cert-manager.io")),
        Arguments.of("a configured auto annotation takes the default issuer", Map.of("example.com/tls", "true"), customAuto,
            new IssuerReference("letsencrypt", "ClusterIssuer", "cert-manager.io")),
        Arguments.of("--default-issuer-group applies to issuers named by annotation", Map.of("cert-manager.io/issuer", "x"), exampleGroup,
            new IssuerReference("x", "Issuer", "example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("issuers")
  void theIssuerComesFromTheAnnotationsOrTheDefaultIssuerFlags(
      String description, Map<String, String> annotations, IngressShimOptions options, IssuerReference expected) {
    assertThat(onlyCertificate(annotations, options).getSpec().issuerRef()).isEqualTo(expected);
  }

  static Stream<Arguments> specAnnotations() {
    return Stream.of(
        Arguments.of("no other annotation: the hosts and the default usages", Map.of(), new String[] {}),
        Arguments.of("another controller's annotations change nothing", Map.of("nginx.ingress.kubernetes.io/ssl-redirect", "true"), new String[] {}),
        Arguments.of("common-name", Map.of("cert-manager.io/common-name", "www.example.com"), new String[] {"commonName: www.example.com"}),
        Arguments.of("alt-names are added to the hosts, trimmed and each once", Map.of("cert-manager.io/alt-names", "api.example.com, www.example.com"),
            new String[] {"dnsNames: [web.example.com, www.example.com, api.example.com]"}),
        Arguments.of("ip-sans", Map.of("cert-manager.io/ip-sans", "192.0.2.10,2001:db8::1"), new String[] {"ipAddresses: [192.0.2.10, '2001:db8::1']"}),
        Arguments.of("uri-sans, trimmed", Map.of("cert-manager.io/uri-sans", "spiffe://example.com/web, https://web.example.com/id"),
            new String[] {"uris: ['spiffe://example.com/web', 'https://web.example.com/id']"}),
        Arguments.of("email-sans", Map.of("cert-manager.io/email-sans", "ops@example.com,web@example.com"),
            new String[] {"emailAddresses: [ops@example.com, web@example.com]"}),
        Arguments.of("subject-organizations", Map.of("cert-manager.io/subject-organizations", "Example Ltd,Example Group"),
            new String[] {"subject: {organizations: [Example Ltd, Example Group]}"}),
        Arguments.of("subject-organizationalunits", Map.of("cert-manager.io/subject-organizationalunits", "Web"),
            new String[] {"subject: {organizationalUnits: [Web]}"}),
        Arguments.of("subject-countries", Map.of("cert-manager.io/subject-countries", "GB,IE"), new String[] {"subject: {countries: [GB, IE]}"}),
        Arguments.of("subject-provinces", Map.of("cert-manager.io/subject-provinces", "Yorkshire"), new String[] {"subject: {provinces: [Yorkshire]}"}),
        Arguments.of("subject-localities", Map.of("cert-manager.io/subject-localities", "Leeds"), new String[] {"subject: {localities: [Leeds]}"}),
        Arguments.of("subject-postalcodes", Map.of("cert-manager.io/subject-postalcodes", "LS1 1AA"), new String[] {"subject: {postalCodes: [LS1 1AA]}"}),
        Arguments.of("subject-streetaddresses, quoted to hold a comma",
            Map.of("cert-manager.io/subject-streetaddresses", "\"1 Main St, Suite 2\",\"2 Side St\""),
            new String[] {"subject: {streetAddresses: ['1 Main St, Suite 2', 2 Side St]}"}),
        Arguments.of("subject-serialnumber", Map.of("cert-manager.io/subject-serialnumber", "42"), new String[] {"subject: {serialNumber: '42'}"}),
        Arguments.of("several subject annotations make one subject",
            Map.of("cert-manager.io/subject-organizations", "Example Ltd", "cert-manager.io/subject-countries", "GB"),
            new String[] {"subject: {organizations: [Example Ltd], countries: [GB]}"}),
        Arguments.of("duration, written as Go prints it", Map.of("cert-manager.io/duration", "168h"), new String[] {"duration: 168h0m0s"}),
        Arguments.of("duration in minutes", Map.of("cert-manager.io/duration", "90m"), new String[] {"duration: 1h30m0s"}),
        Arguments.of("renew-before", Map.of("cert-manager.io/renew-before", "24h"), new String[] {"renewBefore: 24h0m0s"}),
        Arguments.of("renew-before shorter than duration", Map.of("cert-manager.io/duration", "168h", "cert-manager.io/renew-before", "48h"),
            new String[] {"duration: 168h0m0s", "renewBefore: 48h0m0s"}),
        Arguments.of("renew-before-percentage", Map.of("cert-manager.io/renew-before-percentage", "50"), new String[] {"renewBeforePercentage: 50"}),
        Arguments.of("usages replace the defaults", Map.of("cert-manager.io/usages", "server auth, signing"), new String[] {"usages: [server auth, signing]"}),
        Arguments.of("revision-history-limit", Map.of("cert-manager.io/revision-history-limit", "7"), new String[] {"revisionHistoryLimit: 7"}),
        Arguments.of("private-key-algorithm and -size for ECDSA",
            Map.of("cert-manager.io/private-key-algorithm", "ECDSA", "cert-manager.io/private-key-size", "384"),
            new String[] {"privateKey: {algorithm: ECDSA, size: 384}"}),
        Arguments.of("private-key-algorithm Ed25519", Map.of("cert-manager.io/private-key-algorithm", "Ed25519"), new String[] {"privateKey: {algorithm: Ed25519}"}),
        Arguments.of("private-key-size beside Ed25519 is kept, as cert-manager keeps it (the key ignores it)",
            Map.of("cert-manager.io/private-key-algorithm", "Ed25519", "cert-manager.io/private-key-size", "256"),
            new String[] {"privateKey: {algorithm: Ed25519, size: 256}"}),
        Arguments.of("private-key-size for the default RSA", Map.of("cert-manager.io/private-key-size", "4096"), new String[] {"privateKey: {size: 4096}"}),
        Arguments.of("private-key-encoding", Map.of("cert-manager.io/private-key-encoding", "PKCS8"), new String[] {"privateKey: {encoding: PKCS8}"}),
        Arguments.of("private-key-rotation-policy", Map.of("cert-manager.io/private-key-rotation-policy", "Never"),
            new String[] {"privateKey: {rotationPolicy: Never}"}),
        Arguments.of("all private key annotations",
            Map.of("cert-manager.io/private-key-algorithm", "RSA", "cert-manager.io/private-key-size", "3072", "cert-manager.io/private-key-encoding", "PKCS1",
                "cert-manager.io/private-key-rotation-policy", "Always"),
            new String[] {"privateKey: {algorithm: RSA, size: 3072, encoding: PKCS1, rotationPolicy: Always}"}),
        Arguments.of("secret-template", Map.of("cert-manager.io/secret-template", "{\"labels\": {\"team\": \"web\"}, \"annotations\": {\"example.com/owner\": \"web\"}}"),
            new String[] {"secretTemplate: {labels: {team: web}, annotations: {example.com/owner: web}}"}),
        Arguments.of("secret-template may carry cert-manager.io/allow-direct-injection, as a Certificate may",
            Map.of("cert-manager.io/secret-template", "{\"annotations\": {\"cert-manager.io/allow-direct-injection\": \"true\"}}"),
            new String[] {"secretTemplate: {annotations: {cert-manager.io/allow-direct-injection: 'true'}}"}),
        Arguments.of("an empty secret-template sets none", Map.of("cert-manager.io/secret-template", "{}"), new String[] {}),
        Arguments.of("a null secret-template sets none, as Go decodes it", Map.of("cert-manager.io/secret-template", "null"), new String[] {}),
        Arguments.of("secret-template field names in any case, as Go matches them",
            Map.of("cert-manager.io/secret-template", "{\"Labels\": {\"team\": \"web\"}, \"ANNOTATIONS\": {\"example.com/owner\": \"web\"}}"),
            new String[] {"secretTemplate: {labels: {team: web}, annotations: {example.com/owner: web}}"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specAnnotations")
  void eachAnnotationSetsItsCertificateField(String description, Map<String, String> annotations, String[] expected) {
    CertificateSpec expectedSpec = spec(expected);
    assertThat(onlyCertificate(withClusterIssuer(annotations), DEFAULTS).getSpec()).isEqualTo(expectedSpec);
  }

  static Stream<Arguments> certificateAnnotations() {
    IngressShimOptions extra = new IngressShimOptions("", "Issuer", "cert-manager.io", List.of("kubernetes.io/tls-acme"), List.of("example.com/team"));
    return Stream.of(
        Arguments.of("none by default", Map.of("example.com/team", "web"), DEFAULTS, Map.of()),
        Arguments.of("http01-edit-in-place: solve on this Ingress, with a temporary certificate meanwhile",
            Map.of("acme.cert-manager.io/http01-edit-in-place", "true"), DEFAULTS,
            Map.of("acme.cert-manager.io/http01-override-ingress-name", "web", "cert-manager.io/issue-temporary-certificate", "true")),
        Arguments.of("http01-edit-in-place false", Map.of("acme.cert-manager.io/http01-edit-in-place", "false"), DEFAULTS, Map.of()),
        Arguments.of("http01-ingress-class", Map.of("acme.cert-manager.io/http01-ingress-class", "nginx"), DEFAULTS,
            Map.of("acme.cert-manager.io/http01-override-ingress-class", "nginx")),
        Arguments.of("an empty http01-ingress-class overrides nothing", Map.of("acme.cert-manager.io/http01-ingress-class", ""), DEFAULTS, Map.of()),
        Arguments.of("http01-ingress-ingressclassname", Map.of("acme.cert-manager.io/http01-ingress-ingressclassname", "traefik"), DEFAULTS,
            Map.of("acme.cert-manager.io/http01-override-ingress-ingressclassname", "traefik")),
        Arguments.of("certkeeper.dev/acme-profile is copied as it is", Map.of("certkeeper.dev/acme-profile", "shortlived"), DEFAULTS,
            Map.of("certkeeper.dev/acme-profile", "shortlived")),
        Arguments.of("--extra-certificate-annotations are copied", Map.of("example.com/team", "web", "example.com/other", "x"), extra,
            Map.of("example.com/team", "web")),
        Arguments.of("an extra annotation the Ingress lacks is not added", Map.of(), extra, Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("certificateAnnotations")
  void theCertificateCarriesTheExtraAndOverrideAnnotations(
      String description, Map<String, String> annotations, IngressShimOptions options, Map<String, String> expected) {
    Map<String, String> actual = onlyCertificate(withClusterIssuer(annotations), options).getMetadata().getAnnotations();
    assertThat(actual == null ? Map.of() : actual).isEqualTo(expected);
  }

  @Test
  void oneCertificatePerTlsEntryNamedAfterItsSecret() {
    Ingress ingress = ingress(withClusterIssuer(Map.of()), WEB, tls("api-tls", "api.example.com"));

    List<Certificate> certificates = IngressCertificates.derive(ingress, DEFAULTS).certificates();

    assertThat(certificates).extracting(c -> c.getMetadata().getName()).containsExactly("web-tls", "api-tls");
    assertThat(certificates).extracting(c -> c.getMetadata().getNamespace()).containsOnly("apps");
    assertThat(certificates.get(1).getSpec()).isEqualTo(spec("secretName: api-tls", "dnsNames: [api.example.com]"));
  }

  @Test
  void hostsSplitIntoDnsNamesAndIpAddressesEachOnceInTheirOrder() {
    Ingress ingress =
        ingress(
            withClusterIssuer(Map.of("cert-manager.io/ip-sans", "192.0.2.1,2001:db8::2")),
            tls("web-tls", "b.example.com", "192.0.2.1", "a.example.com", "b.example.com", "2001:db8::1", "2001:DB8:0:0:0:0:0:1"));

    CertificateSpec spec = IngressCertificates.derive(ingress, DEFAULTS).certificates().get(0).getSpec();

    assertThat(spec.dnsNames()).containsExactly("b.example.com", "a.example.com");
    assertThat(spec.ipAddresses()).containsExactly("192.0.2.1", "2001:db8::1", "2001:db8::2");
  }

  @Test
  void aTlsEntryOfIpAddressesOnlyHasNoDnsNames() {
    Ingress ingress = ingress(withClusterIssuer(Map.of()), tls("ip-tls", "192.0.2.1"));

    assertThat(IngressCertificates.derive(ingress, DEFAULTS).certificates().get(0).getSpec())
        .isEqualTo(spec("secretName: ip-tls", "dnsNames: null", "ipAddresses: [192.0.2.1]"));
  }

  @Test
  void theCertificateCarriesTheIngressLabelsButNotTheApplysetOne() {
    Ingress ingress = ingress(withClusterIssuer(Map.of()), WEB);
    ingress.getMetadata().setLabels(Map.of("app", "web", "applyset.kubernetes.io/part-of", "applyset-abc-v1"));

    assertThat(IngressCertificates.derive(ingress, DEFAULTS).certificates().get(0).getMetadata().getLabels()).isEqualTo(Map.of("app", "web"));
  }

  @Test
  void theCertificateIsControlledByTheIngress() {
    Certificate certificate = onlyCertificate(withClusterIssuer(Map.of()), DEFAULTS);

    assertThat(certificate.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> {
          assertThat(owner.getApiVersion()).isEqualTo("networking.k8s.io/v1");
          assertThat(owner.getKind()).isEqualTo("Ingress");
          assertThat(owner.getName()).isEqualTo("web");
          assertThat(owner.getUid()).isEqualTo(Ingresses.UID);
          assertThat(owner.getController()).isTrue();
          assertThat(owner.getBlockOwnerDeletion()).isTrue();
        });
  }

  @Test
  void anIngressWithoutTlsAsksForNoCertificatesAndHasNoProblem() {
    DesiredCertificates desired = IngressCertificates.derive(ingress(withClusterIssuer(Map.of())), DEFAULTS);

    assertThat(desired.isBad()).isFalse();
    assertThat(desired.certificates()).isEmpty();
  }

  static Stream<Arguments> badIngresses() {
    return Stream.of(
        bad("a secretName used by two TLS entries", Map.of(), new IngressTLS[] {WEB, tls("web-tls", "api.example.com")},
            "spec.tls[1].secretName \"web-tls\" is also used by spec.tls[0]", "merge their hosts"),
        bad("edit-in-place with an HTTP-01 ingress class",
            Map.of("acme.cert-manager.io/http01-edit-in-place", "true", "acme.cert-manager.io/http01-ingress-class", "nginx"), null,
            "\"acme.cert-manager.io/http01-edit-in-place\" and \"acme.cert-manager.io/http01-ingress-class\" each choose the Ingress",
            "keep one of them"),
        bad("an HTTP-01 ingress class with an HTTP-01 ingressClassName",
            Map.of("acme.cert-manager.io/http01-ingress-class", "nginx", "acme.cert-manager.io/http01-ingress-ingressclassname", "nginx"), null,
            "\"acme.cert-manager.io/http01-ingress-class\" and \"acme.cert-manager.io/http01-ingress-ingressclassname\" each choose the Ingress"),
        bad("cluster-issuer with issuer", Map.of("cert-manager.io/issuer", "other"), null,
            "\"cert-manager.io/issuer\" and \"cert-manager.io/cluster-issuer\" cannot be used together"),
        bad("cluster-issuer with issuer-kind", Map.of("cert-manager.io/issuer-kind", "ClusterIssuer"), null,
            "\"cert-manager.io/cluster-issuer\" and \"cert-manager.io/issuer-kind\" cannot be used together"),
        bad("cluster-issuer with issuer-group", Map.of("cert-manager.io/issuer-group", "example.com"), null,
            "\"cert-manager.io/cluster-issuer\" and \"cert-manager.io/issuer-group\" cannot be used together"),
        bad("an empty cluster-issuer", Map.of("cert-manager.io/cluster-issuer", ""), null, "no issuer is named"),
        bad("common-name longer than 64 characters", Map.of("cert-manager.io/common-name", "a".repeat(65)), null,
            "\"cert-manager.io/common-name\" is 65 characters long", "at most 64"),
        bad("alt-names with an empty entry", Map.of("cert-manager.io/alt-names", "a.example.com,,b.example.com"), null,
            "\"cert-manager.io/alt-names\" has an empty entry"),
        bad("ip-sans that are not IP addresses", Map.of("cert-manager.io/ip-sans", "192.0.2.300"), null,
            "\"cert-manager.io/ip-sans\" has \"192.0.2.300\", which is not an IP address"),
        bad("uri-sans that are not absolute URIs", Map.of("cert-manager.io/uri-sans", "spiffe://example.com/web,web service"), null,
            "\"cert-manager.io/uri-sans\" has \"web service\", which is not an absolute URI"),
        bad("email-sans with a display name", Map.of("cert-manager.io/email-sans", "Ops <ops@example.com>"), null,
            "\"cert-manager.io/email-sans\" has \"Ops <ops@example.com>\", which is not a plain email address"),
        bad("subject-streetaddresses with a bare quote", Map.of("cert-manager.io/subject-streetaddresses", "1 \"Main\" St"), null,
            "\"cert-manager.io/subject-streetaddresses\" is not one line of comma-separated values", "bare \""),
        bad("subject-organizations empty", Map.of("cert-manager.io/subject-organizations", ""), null,
            "\"cert-manager.io/subject-organizations\" is not one line of comma-separated values (no values found)"),
        bad("subject-countries with an unclosed quote", Map.of("cert-manager.io/subject-countries", "\"GB"), null,
            "\"cert-manager.io/subject-countries\" is not one line"),
        bad("subject-provinces on two lines", Map.of("cert-manager.io/subject-provinces", "Yorkshire\nLancashire"), null,
            "\"cert-manager.io/subject-provinces\" is not one line"),
        bad("subject-localities with text after a closing quote", Map.of("cert-manager.io/subject-localities", "\"Leeds\" city"), null,
            "\"cert-manager.io/subject-localities\" is not one line"),
        bad("subject-postalcodes empty", Map.of("cert-manager.io/subject-postalcodes", ""), null, "\"cert-manager.io/subject-postalcodes\""),
        bad("subject-organizationalunits empty", Map.of("cert-manager.io/subject-organizationalunits", ""), null,
            "\"cert-manager.io/subject-organizationalunits\""),
        bad("duration in days", Map.of("cert-manager.io/duration", "90d"), null,
            "\"cert-manager.io/duration\" \"90d\" is not a Go duration", "there is no d unit"),
        bad("duration shorter than an hour", Map.of("cert-manager.io/duration", "30m"), null,
            "\"cert-manager.io/duration\" \"30m\" is too short: it must be at least 1h0m0s"),
        bad("renew-before shorter than 5 minutes", Map.of("cert-manager.io/renew-before", "1m"), null,
            "\"cert-manager.io/renew-before\" \"1m\" is too short: it must be at least 5m0s"),
        bad("renew-before unparsable", Map.of("cert-manager.io/renew-before", "soon"), null, "\"cert-manager.io/renew-before\" \"soon\" is not a Go duration"),
        bad("renew-before as long as the default duration", Map.of("cert-manager.io/renew-before", "2160h"), null,
            "\"cert-manager.io/renew-before\" must be shorter than the duration (2160h, the default)"),
        bad("renew-before longer than the duration", Map.of("cert-manager.io/duration", "168h", "cert-manager.io/renew-before", "200h"), null,
            "must be shorter than the duration (168h0m0s)"),
        bad("renew-before with renew-before-percentage",
            Map.of("cert-manager.io/renew-before", "24h", "cert-manager.io/renew-before-percentage", "30"), null,
            "\"cert-manager.io/renew-before\" and \"cert-manager.io/renew-before-percentage\" cannot both be set"),
        bad("renew-before-percentage not a number", Map.of("cert-manager.io/renew-before-percentage", "a third"), null,
            "\"cert-manager.io/renew-before-percentage\" \"a third\" is not a whole number"),
        bad("renew-before-percentage of 100", Map.of("cert-manager.io/renew-before-percentage", "100"), null,
            "\"cert-manager.io/renew-before-percentage\" must be between 0 and 100"),
        bad("an unknown usage", Map.of("cert-manager.io/usages", "server auth,playing ping pong"), null,
            "\"cert-manager.io/usages\" has the unknown usage \"playing ping pong\"", "digital signature"),
        bad("usages with an empty entry", Map.of("cert-manager.io/usages", "server auth,,signing"), null, "\"cert-manager.io/usages\" has an empty entry"),
        bad("revision-history-limit of 0", Map.of("cert-manager.io/revision-history-limit", "0"), null,
            "\"cert-manager.io/revision-history-limit\" must be at least 1"),
        bad("revision-history-limit not a number", Map.of("cert-manager.io/revision-history-limit", "seven"), null,
            "\"cert-manager.io/revision-history-limit\" \"seven\" is not a whole number"),
        bad("revision-history-limit beyond 32 bits", Map.of("cert-manager.io/revision-history-limit", "99999999999"), null,
            "\"cert-manager.io/revision-history-limit\" \"99999999999\" is not a whole number"),
        bad("private-key-algorithm in the wrong case", Map.of("cert-manager.io/private-key-algorithm", "rsa"), null,
            "\"cert-manager.io/private-key-algorithm\" \"rsa\" is not one of RSA, ECDSA, Ed25519"),
        bad("private-key-encoding unknown", Map.of("cert-manager.io/private-key-encoding", "PKCS12"), null,
            "\"cert-manager.io/private-key-encoding\" \"PKCS12\" is not one of PKCS1, PKCS8"),
        bad("private-key-rotation-policy unknown", Map.of("cert-manager.io/private-key-rotation-policy", "Sometimes"), null,
            "\"cert-manager.io/private-key-rotation-policy\" \"Sometimes\" is not one of Never, Always"),
        bad("private-key-size too small for RSA", Map.of("cert-manager.io/private-key-size", "1024"), null,
            "\"cert-manager.io/private-key-size\" \"1024\" is not a key size for RSA: use 2048 to 8192 bits"),
        bad("private-key-size of 0", Map.of("cert-manager.io/private-key-size", "0"), null, "\"cert-manager.io/private-key-size\" \"0\" is not a key size"),
        bad("private-key-size not a curve for ECDSA", Map.of("cert-manager.io/private-key-algorithm", "ECDSA", "cert-manager.io/private-key-size", "128"), null,
            "\"cert-manager.io/private-key-size\" \"128\" is not a key size for ECDSA: use 256, 384 or 521"),
        bad("private-key-size not a number", Map.of("cert-manager.io/private-key-size", "big"), null,
            "\"cert-manager.io/private-key-size\" \"big\" is not a key size"),
        bad("secret-template that is not JSON", Map.of("cert-manager.io/secret-template", "labels: {team: web}"), null,
            "\"cert-manager.io/secret-template\" is not valid JSON"),
        bad("secret-template that is not an object", Map.of("cert-manager.io/secret-template", "[]"), null,
            "\"cert-manager.io/secret-template\" is not a JSON object"),
        bad("secret-template with an unknown field", Map.of("cert-manager.io/secret-template", "{\"label\": {\"team\": \"web\"}}"), null,
            "\"cert-manager.io/secret-template\" has the unknown field \"label\""),
        bad("secret-template with a value that is not a string", Map.of("cert-manager.io/secret-template", "{\"labels\": {\"replicas\": 3}}"), null,
            "has labels.replicas that is not a string"),
        bad("secret-template with labels that are not an object", Map.of("cert-manager.io/secret-template", "{\"labels\": [\"web\"]}"), null,
            "has \"labels\" that is not a JSON object of strings"),
        bad("secret-template with a cert-manager.io annotation", Map.of("cert-manager.io/secret-template", "{\"annotations\": {\"cert-manager.io/issuer\": \"x\"}}"),
            null, "has the annotation \"cert-manager.io/issuer\": cert-manager.io/ annotations on the Secret are written by the operator"),
        bad("secret-template with an invalid label value", Map.of("cert-manager.io/secret-template", "{\"labels\": {\"team\": \"web team\"}}"), null,
            "has the label \"team\" with the value \"web team\""),
        bad("secret-template with an invalid label key", Map.of("cert-manager.io/secret-template", "{\"labels\": {\"-team\": \"web\"}}"), null,
            "has the label key \"-team\", which is not a valid label key"),
        bad("secret-template with an invalid annotation key", Map.of("cert-manager.io/secret-template", "{\"annotations\": {\"a b\": \"x\"}}"), null,
            "has the annotation key \"a b\", which is not a valid annotation key"),
        Arguments.of("tls-acme without --default-issuer-name", Map.of("kubernetes.io/tls-acme", "true"), DEFAULTS, new IngressTLS[] {WEB},
            new String[] {"no issuer is named", "--default-issuer-name"}),
        Arguments.of("an issuer-kind of cert-manager.io that is no issuer kind", Map.of("cert-manager.io/issuer", "ca", "cert-manager.io/issuer-kind", "Foo"),
            DEFAULTS, new IngressTLS[] {WEB}, new String[] {"issuer kind \"Foo\" is not a kind of cert-manager.io", "cert-manager.io/issuer-group"}));
  }

  /** A case on top of {@code cert-manager.io/cluster-issuer: ca}, with TLS entry {@link Ingresses#WEB} unless others are given. */
  private static Arguments bad(String description, Map<String, String> annotations, IngressTLS[] tls, String... fragments) {
    return Arguments.of(description, withClusterIssuer(annotations), DEFAULTS, tls == null ? new IngressTLS[] {WEB} : tls, fragments);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIngresses")
  void aBadIngressAsksForNothingAndSaysWhatToFix(
      String description, Map<String, String> annotations, IngressShimOptions options, IngressTLS[] tls, String[] fragments) {
    DesiredCertificates desired = IngressCertificates.derive(ingress(annotations, tls), options);

    assertThat(desired.isBad()).isTrue();
    assertThat(desired.certificates()).isEmpty();
    assertThat(desired.problems()).singleElement().satisfies(problem -> assertThat(problem).contains(fragments));
  }

  @Test
  void everyProblemIsReportedAndTheGoodEntriesAreNotWritten() {
    Ingress ingress =
        ingress(withClusterIssuer(Map.of("cert-manager.io/duration", "90d", "cert-manager.io/usages", "server")), WEB, tls("api-tls"));

    DesiredCertificates desired = IngressCertificates.derive(ingress, DEFAULTS);

    assertThat(desired.certificates()).isEmpty();
    assertThat(desired.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("cert-manager.io/duration"))
        .anySatisfy(p -> assertThat(p).contains("cert-manager.io/usages"));
    assertThat(desired.warnings()).singleElement().satisfies(p -> assertThat(p).contains("spec.tls[1] has no hosts"));
  }

  static Stream<Arguments> incompleteTlsEntries() {
    return Stream.of(
        Arguments.of("without hosts", tls("api-tls"), new String[] {"Skipped a TLS block: spec.tls[1] has no hosts"}),
        Arguments.of("without secretName, as for the ingress controller's default certificate", tls(null, "api.example.com"),
            new String[] {"Skipped a TLS block: spec.tls[1] has no secretName"}),
        Arguments.of("with an empty secretName", tls("", "api.example.com"), new String[] {"spec.tls[1] has no secretName"}),
        Arguments.of("with neither", tls(null), new String[] {"spec.tls[1] has no hosts", "spec.tls[1] has no secretName"}),
        Arguments.of("whose secretName is not a Secret name", tls("Api_TLS", "api.example.com"),
            new String[] {"Skipped a TLS block: spec.tls[1].secretName \"Api_TLS\" is not a valid Secret name"}));
  }

  @ParameterizedTest(name = "a TLS entry {0}")
  @MethodSource("incompleteTlsEntries")
  void anIncompleteTlsEntryIsSkippedAndTheOthersAreServed(String description, IngressTLS incomplete, String[] fragments) {
    DesiredCertificates desired = IngressCertificates.derive(ingress(withClusterIssuer(Map.of()), WEB, incomplete), DEFAULTS);

    assertThat(desired.isBad()).isFalse();
    assertThat(desired.certificates()).extracting(c -> c.getMetadata().getName()).containsExactly("web-tls");
    assertThat(desired.warnings()).singleElement().satisfies(skipped -> assertThat(skipped).contains(fragments));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "True", "1"})
  void anEditInPlaceValueOtherThanTrueIsReadAsFalseAsCertManagerReadsItAndSaid(String value) {
    DesiredCertificates desired =
        IngressCertificates.derive(ingress(withClusterIssuer(Map.of("acme.cert-manager.io/http01-edit-in-place", value)), WEB), DEFAULTS);

    assertThat(desired.isBad()).as("the Ingress cert-manager served is served").isFalse();
    assertThat(desired.certificates()).singleElement().satisfies(c -> assertThat(Objects.requireNonNullElse(c.getMetadata().getAnnotations(), Map.of()))
        .as("not edited in place").doesNotContainKey("acme.cert-manager.io/http01-override-ingress-name"));
    assertThat(desired.warnings()).singleElement().satisfies(w -> assertThat(w)
        .contains("\"" + value + "\" is neither \"true\" nor \"false\" and is read as \"false\"", "write \"true\""));
  }

  @Test
  void twoEntriesWithoutSecretNameAreBothSkippedNotCalledDuplicates() {
    DesiredCertificates desired =
        IngressCertificates.derive(ingress(withClusterIssuer(Map.of()), tls(null, "a.example.com"), WEB, tls(null, "b.example.com")), DEFAULTS);

    assertThat(desired.isBad()).isFalse();
    assertThat(desired.certificates()).extracting(c -> c.getMetadata().getName()).containsExactly("web-tls");
    assertThat(desired.warnings()).hasSize(2);
  }

  @Test
  void theShimManagesTheOverrideAndExtraAnnotations() {
    IngressShimOptions extra = new IngressShimOptions("", "Issuer", "cert-manager.io", List.of("kubernetes.io/tls-acme"), List.of("example.com/team"));

    assertThat(IngressCertificates.managedAnnotations(extra))
        .containsExactlyInAnyOrder(
            "acme.cert-manager.io/http01-override-ingress-name",
            "cert-manager.io/issue-temporary-certificate",
            "acme.cert-manager.io/http01-override-ingress-class",
            "acme.cert-manager.io/http01-override-ingress-ingressclassname",
            "certkeeper.dev/acme-profile",
            "example.com/team");
  }

  @Test
  void secretNamesAreThoseOfTheTlsEntriesThatHaveOne() {
    Ingress ingress = ingress(withClusterIssuer(Map.of()), WEB, tls(null, "a.example.com"), tls("api-tls", "api.example.com"));

    assertThat(IngressCertificates.secretNames(ingress)).containsExactly("web-tls", "api-tls");
  }
}
