package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ACME profiles against the shared Pebble, whose configuration (.local/pebble/config.json) offers
 * "default" (90 days) and "shortlived" (6 days): the Issuer's profile, the Certificate's
 * certkeeper.dev/acme-profile annotation (which wins over the Issuer's), neither, and a profile
 * the CA does not offer.
 */
@ExtendWith(LocalControlPlane.class)
class AcmeProfilesIT {
  private static final Duration SHORTLIVED = Duration.ofSeconds(518400);
  private static final Duration DEFAULT = Duration.ofSeconds(7776000);
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "profiles");
    acme = new AcmeFixture(fixture, environment);
    acme.createIssuer("plain", AcmeFixture.NGINX_SOLVER);
    issuerWithProfile("short", "shortlived");
  }

  @Test
  void issuerProfileGivesTheShortlivedValidity() {
    certificate("by-issuer", "", "short");
    assertThat(validity(acme.awaitReady("by-issuer"))).matches(v -> near(v, SHORTLIVED), "6 days");
  }

  @Test
  void certificateAnnotationGivesTheShortlivedValidityUnderAnIssuerWithoutProfile() {
    certificate("by-annotation", "  annotations: {certkeeper.dev/acme-profile: shortlived}\n", "plain");
    assertThat(validity(acme.awaitReady("by-annotation"))).matches(v -> near(v, SHORTLIVED), "6 days");
  }

  @Test
  void certificateAnnotationOverridesTheIssuersProfile() {
    certificate("overrides", "  annotations: {certkeeper.dev/acme-profile: default}\n", "short");
    assertThat(validity(acme.awaitReady("overrides"))).matches(v -> near(v, DEFAULT), "90 days");
  }

  /** Pebble picks one of its profiles at random for an order that names none, so only the order itself can show there was none. */
  @Test
  void noProfileOrdersWithoutOne() {
    certificate("no-profile", "", "plain");
    Duration validity = validity(acme.awaitReady("no-profile"));
    assertThat(acme.orders()).filteredOn(o -> o.getMetadata().getName().startsWith("no-profile-")).singleElement()
        .satisfies(o -> assertThat(o.getSpec().profile()).isNull());
    assertThat(validity).as("one of Pebble's profiles").matches(v -> near(v, SHORTLIVED) || near(v, DEFAULT));
  }

  @Test
  void unknownProfileFailsNamingTheProfileAndWhatTheCaOffers() {
    issuerWithProfile("unknown", "no-such-profile");
    certificate("unknown-profile", "", "unknown");
    String refusal = "profile \"no-such-profile\" is not offered: the ACME server's directory lists only default, shortlived";
    Certificate failed =
        acme.awaitCertificate(
            "unknown-profile", AcmeFixture.ACME_TIMEOUT, "Ready=False naming the profile and what the CA offers",
            c -> c.status().name().equals("FALSE") && c.message() != null && c.message().contains(refusal));
    assertThat(Fixture.condition(failed, "Ready").orElseThrow().message()).contains("at the back-off ceiling");
    assertThat(acme.orders()).filteredOn(o -> o.getMetadata().getName().startsWith("unknown-profile-")).singleElement()
        .satisfies(o -> assertThat(o.getStatus().state()).isEqualTo(AcmeState.ERRORED));
  }

  @Test
  void fixingTheIssuerEndsTheBackoffAtOnce() {
    issuerWithProfile("fixable", "no-such-profile");
    certificate("fixable-profile", "", "fixable");
    Certificate failed =
        acme.awaitCertificate(
            "fixable-profile", AcmeFixture.ACME_TIMEOUT, "Ready=False at the back-off ceiling",
            c -> c.status().name().equals("FALSE") && c.message() != null && c.message().contains("at the back-off ceiling"));
    // 32 times the local 5 s base: the ceiling a refusal for good waits without the issuer's edit.
    Instant nextAttempt = Instant.parse(failed.getStatus().lastFailureTime()).plus(Duration.ofSeconds(160));

    acme.editIssuer("fixable", "\"no-such-profile\"", "\"shortlived\"");

    Certificate issued = acme.awaitReady("fixable-profile");
    assertThat(Instant.now()).as("issued after the issuer's edit, not after the back-off").isBefore(nextAttempt);
    assertThat(issued.getStatus().revision()).isEqualTo(1);
    assertThat(near(validity(issued), SHORTLIVED)).as("the fixed profile's validity").isTrue();
  }

  private static void issuerWithProfile(String name, String profile) {
    fixture.create(Issuer.class, acme.issuer("Issuer", name, AcmeFixture.NGINX_SOLVER) + "    profile: " + profile + "\n");
    fixture.awaitIssuer(name, "True");
  }

  private static void certificate(String name, String annotations, String issuer) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: " + name + "\n" + annotations + "spec:\n  secretName: " + name + "\n"
            + "  dnsNames: [" + name + ".profiles.example.com]\n  issuerRef: {name: " + issuer + "}\n");
  }

  private static boolean near(Duration validity, Duration profile) {
    return validity.minus(profile).abs().compareTo(Duration.ofMinutes(1)) < 0;
  }

  private static Duration validity(Certificate certificate) {
    String pem = Fixture.text(fixture.secret(certificate.getSpec().secretName()).orElseThrow(), "tls.crt");
    X509Certificate leaf = Pem.parseCertificates(pem).get(0);
    return Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
  }
}
