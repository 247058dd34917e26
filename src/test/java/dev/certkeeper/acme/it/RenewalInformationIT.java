package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.certkeeper.acme.AcmeSessions;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PrivateKeys;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.PebbleTls;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.toolbox.AcmeUtils;

/**
 * ACME Renewal Information (RFC 9773) against Pebble, which suggests a two-day window around two
 * thirds of a certificate's lifetime, asks to be asked again in six hours, moves the window into
 * the past once the certificate is revoked, and checks the {@code replaces} of a new order.
 */
@ExtendWith(LocalControlPlane.class)
class RenewalInformationIT {
  private static final Duration ACME_TIMEOUT = Duration.ofSeconds(90);
  private static LocalEnvironment environment;
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    fixture = new Fixture(env, "ari");
    fixture.create(Issuer.class, issuer("pebble", ""));
    fixture.create(Issuer.class, issuer("pebble-no-ari", "    renewalInformationSource: None\n"));
    fixture.awaitIssuer("pebble", "True");
    fixture.awaitIssuer("pebble-no-ari", "True");
  }

  private static String issuer(String name, String extra) {
    return "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "}\nspec:\n  acme:\n    server: " + environment.env("PEBBLE_DIRECTORY")
        + "\n    caBundle: " + environment.env("PEBBLE_CA_BUNDLE")
        // Pebble picks a random profile for an order without one; the 90-day one is pinned.
        + "\n    profile: default\n    privateKeySecretRef: {name: " + name + "-account}\n" + extra + "    solvers:\n    - http01: {ingress: {ingressClassName: nginx}}\n";
  }

  private static void createCertificate(String name, String issuer) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec:\n  secretName: " + name + "\n"
            + "  dnsNames: [" + name + ".ari.example.com]\n  issuerRef: {name: " + issuer + "}\n");
  }

  /** Waits until the Certificate records a window from the CA for the certificate now in its Secret. */
  private static Certificate awaitWindow(String name, int revision) {
    return Await.until(
        ACME_TIMEOUT,
        "Certificate " + name + " at revision " + revision + " with a renewal window",
        () -> Optional.ofNullable(fixture.certificate(name))
            .filter(c -> c.getStatus() != null && Integer.valueOf(revision).equals(c.getStatus().revision()))
            .filter(c -> c.getStatus().acme() != null && c.getStatus().acme().ari() != null && c.getStatus().acme().ari().suggestedWindow() != null)
            .filter(c -> !Instant.parse(c.getStatus().acme().ari().lastChecked()).isBefore(Instant.parse(c.getStatus().notBefore()))),
        () -> String.valueOf(fixture.certificate(name).getStatus()));
  }

  private static X509Certificate certificateInSecret(String name) {
    return Pem.parseCertificates(Fixture.text(fixture.secret(name).orElseThrow(), "tls.crt")).get(0);
  }

  @Test
  void recordsTheCasWindowAndRenewsInsideIt() {
    createCertificate("windowed", "pebble");
    Certificate certificate = awaitWindow("windowed", 1);
    RenewalInformation ari = certificate.getStatus().acme().ari();
    Instant notBefore = Instant.parse(certificate.getStatus().notBefore());
    Instant start = Instant.parse(ari.suggestedWindow().start());
    Instant end = Instant.parse(ari.suggestedWindow().end());
    // Pebble: two thirds of the 90 days, one day either side.
    assertThat(start).isBetween(notBefore.plus(Duration.ofDays(59)).minusSeconds(2), notBefore.plus(Duration.ofDays(59)).plusSeconds(2));
    assertThat(end).isBetween(notBefore.plus(Duration.ofDays(61)).minusSeconds(2), notBefore.plus(Duration.ofDays(61)).plusSeconds(2));
    assertThat(Instant.parse(certificate.getStatus().renewalTime())).isBetween(start, end);
    // Pebble's Retry-After is six hours from its answer, and it is what the next check waits for;
    // lastChecked is when the check began, so a slow answer adds its seconds to the gap.
    assertThat(Duration.between(Instant.parse(ari.lastChecked()), Instant.parse(ari.nextCheck())))
        .isBetween(Duration.ofHours(6), Duration.ofHours(6).plusSeconds(10));
    assertThat(ari.lastError()).isNull();
  }

  @Test
  void keepsTheRenewBeforeTimeWhenTheIssuerTurnsRenewalInformationOff() {
    createCertificate("plain", "pebble-no-ari");
    Certificate certificate = fixture.awaitRevision("plain", 1);
    // The pass after the one that stored the certificate deletes its next-key Secret; ARI would be fetched in it.
    Await.until(
        Fixture.TIMEOUT,
        "the next private key Secret of plain deleted",
        () -> Optional.of(true).filter(x -> fixture.client.secrets().inNamespace(fixture.namespace).withLabel(Annotations.NEXT_PRIVATE_KEY_LABEL, "true").list().getItems()
            .stream().noneMatch(s -> s.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getName().equals("plain")))),
        () -> "next-key Secrets still there");
    certificate = fixture.certificate("plain");
    assertThat(certificate.getStatus().acme()).isNull();
    Instant notBefore = Instant.parse(certificate.getStatus().notBefore());
    Instant notAfter = Instant.parse(certificate.getStatus().notAfter());
    // cert-manager's default: a third of the lifetime before notAfter.
    assertThat(Instant.parse(certificate.getStatus().renewalTime())).isEqualTo(notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3)).truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void renewsAtOnceWithReplacesWhenTheCaRevokesTheCertificate() throws AcmeException {
    createCertificate("revoked", "pebble");
    awaitWindow("revoked", 1);
    X509Certificate old = certificateInSecret("revoked");
    PrivateKey key = PrivateKeys.parsePem(Fixture.text(fixture.secret("revoked").orElseThrow(), "tls.key"));
    Issuer issuer = fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("pebble").get();
    org.shredzone.acme4j.Certificate.revoke(
        new AcmeSessions(UnaryOperator.identity()).session(issuer.getSpec().acme()), new KeyPair(PrivateKeys.publicKey(key), key), old, RevocationReason.SUPERSEDED);

    checkNow("revoked");

    Certificate renewed = awaitWindow("revoked", 2);
    assertThat(certificateInSecret("revoked").getSerialNumber()).isNotEqualTo(old.getSerialNumber());
    String certId = AcmeUtils.getRenewalUniqueIdentifier(old);
    CertificateRequest second =
        fixture.requests().stream().filter(r -> "2".equals(r.getMetadata().getAnnotations().get(Annotations.CERTIFICATE_REVISION))).findFirst().orElseThrow();
    assertThat(second.getMetadata().getAnnotations()).containsEntry(Annotations.ACME_REPLACES, certId);
    List<Order> replacing =
        fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems().stream().filter(o -> certId.equals(o.getSpec().replaces())).toList();
    assertThat(replacing).singleElement().satisfies(o -> assertThat(o.getStatus().state()).isEqualTo(AcmeState.VALID));
    // The new certificate has its own window, ahead.
    assertThat(Instant.parse(renewed.getStatus().acme().ari().suggestedWindow().start())).isAfter(Instant.now());
    assertThat(fixture.eventReasons(renewed)).doesNotContain("ARIError");
  }

  @Test
  void keepsItsScheduleAndBacksOffWhenTheCasAnswerIsGarbled() throws Exception {
    createCertificate("garbled", "pebble");
    Certificate before = awaitWindow("garbled", 1);
    String pem = Fixture.text(fixture.secret("garbled").orElseThrow(), "tls.crt");
    // Pebble's management API makes it answer this certificate's renewalInfo with anything at all.
    String body = new ObjectMapper().writeValueAsString(Map.of("Certificate", pem, "ARIResponse", "this is not JSON"));
    HttpResponse<String> set =
        HttpClient.newBuilder().sslContext(PebbleTls.trusting(environment.env("PEBBLE_CA_BUNDLE"))).build()
            .send(
                HttpRequest.newBuilder(URI.create(environment.env("PEBBLE_MGMT") + "/set-renewal-info/")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    checkNow("garbled");

    Certificate after =
        Await.until(
            Fixture.TIMEOUT,
            "Certificate garbled records a failed renewal information check",
            () -> Optional.ofNullable(fixture.certificate("garbled")).filter(c -> c.getStatus().acme() != null && c.getStatus().acme().ari().lastError() != null),
            () -> String.valueOf(fixture.certificate("garbled").getStatus()));
    RenewalInformation ari = after.getStatus().acme().ari();
    assertThat(ari.suggestedWindow()).isEqualTo(before.getStatus().acme().ari().suggestedWindow());
    assertThat(after.getStatus().renewalTime()).isEqualTo(before.getStatus().renewalTime());
    assertThat(after.getStatus().revision()).isEqualTo(1);
    assertThat(Duration.between(Instant.parse(ari.lastChecked()), Instant.parse(ari.nextCheck()))).isEqualTo(Duration.ofMinutes(5));
    fixture.awaitEventReasons(after, "ARIError");
  }

  /** Makes the recorded nextCheck due, standing for the hours the CA asked to wait having passed. */
  private static void checkNow(String name) {
    fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"acme\":{\"ari\":{\"nextCheck\":\"" + Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS) + "\"}}}}");
  }
}
