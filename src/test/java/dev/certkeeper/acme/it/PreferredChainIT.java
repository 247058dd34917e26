package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.pki.DistinguishedNames;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.PebbleProcess;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * preferredChain against a Pebble of the test's own that offers one alternate chain
 * (PEBBLE_ALTERNATE_ROOTS=1): the issuer names the root-most issuer's common name, as acme4j's
 * findCertificate matches it, and gets the chain that ends at that root; otherwise the default one.
 */
@ExtendWith(LocalControlPlane.class)
class PreferredChainIT {
  private static PebbleProcess pebble;
  private static Fixture fixture;
  private static AcmeFixture acme;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    pebble = PebbleProcess.start(environment, "pebble-chains", Map.of("PEBBLE_ALTERNATE_ROOTS", "1"));
    fixture = new Fixture(environment, "chains");
    acme = new AcmeFixture(fixture, environment);
  }

  @AfterAll
  static void stopPebble() {
    if (pebble != null) {
      pebble.close();
    }
  }

  @Test
  void preferredChainGetsTheChainEndingAtThatRoot() {
    X509Certificate alternateRoot = managed("/roots/1");
    issuer("alternate", "    preferredChain: " + commonName(alternateRoot) + "\n");
    List<X509Certificate> chain = issue("alternate");
    assertThat(chain.get(chain.size() - 1).getIssuerX500Principal()).isEqualTo(alternateRoot.getSubjectX500Principal());
    assertThat(chain.get(chain.size() - 1)).isEqualTo(managed("/intermediates/1"));
  }

  @Test
  void withoutPreferredChainTheDefaultChain() {
    issuer("default", "");
    List<X509Certificate> chain = issue("default");
    assertThat(chain.get(chain.size() - 1).getIssuerX500Principal()).isEqualTo(managed("/roots/0").getSubjectX500Principal());
    assertThat(chain.get(chain.size() - 1)).isEqualTo(managed("/intermediates/0"));
  }

  @Test
  void preferredChainNoChainEndsAtGetsTheDefaultChain() {
    issuer("unmatched", "    preferredChain: No Such Root\n");
    List<X509Certificate> chain = issue("unmatched");
    assertThat(chain.get(chain.size() - 1).getIssuerX500Principal()).isEqualTo(managed("/roots/0").getSubjectX500Principal());
  }

  private static void issuer(String name, String preferredChain) {
    fixture.create(Issuer.class, acme.issuer("Issuer", name, pebble.directory(), AcmeFixture.NGINX_SOLVER) + preferredChain);
    fixture.awaitIssuer(name, "True");
  }

  /** Issues a Certificate from the issuer and returns its chain, leaf first. */
  private static List<X509Certificate> issue(String issuer) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + issuer + "}\nspec:\n  secretName: " + issuer + "\n"
            + "  dnsNames: [" + issuer + ".chains.example.com]\n  issuerRef: {name: " + issuer + "}\n");
    acme.awaitReady(issuer);
    List<X509Certificate> chain = Pem.parseCertificates(Fixture.text(fixture.secret(issuer).orElseThrow(), "tls.crt"));
    assertThat(chain).as("leaf and intermediate").hasSizeGreaterThanOrEqualTo(2);
    return chain;
  }

  private static X509Certificate managed(String path) {
    return Pem.parseCertificates(pebble.management(path)).get(0);
  }

  private static String commonName(X509Certificate certificate) {
    return DistinguishedNames.commonName(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
  }
}
