package dev.certkeeper.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.MetricsScrape;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared operator's metrics port (127.0.0.1:9402, as `make up` runs it) reports what it does under cert-manager's names. */
@ExtendWith(LocalControlPlane.class)
class MetricsIT {
  private static final URI OPERATOR = URI.create("http://127.0.0.1:9402/");
  private static Fixture fixture;
  private static LocalEnvironment environment;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    fixture = new Fixture(env, "metrics");
    fixture.caIssuer("ca");
  }

  private static Map<String, String> certificate(String name, String... more) {
    Map<String, String> labels = new HashMap<>(Map.of("name", name, "namespace", fixture.namespace, "issuer_name", "ca", "issuer_kind", "", "issuer_group", ""));
    for (int i = 0; i < more.length; i += 2) {
      labels.put(more[i], more[i + 1]);
    }
    return labels;
  }

  @Test
  void certificateMetricsFollowItsStatusAndGoWithIt() {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: metered}\nspec: {secretName: metered-tls, dnsNames: [metered.example.com], issuerRef: {name: ca}}");
    Certificate issued = fixture.awaitCertificate("metered", "True");
    double notAfter = Instant.parse(issued.getStatus().notAfter()).getEpochSecond();
    double renewal = Instant.parse(issued.getStatus().renewalTime()).getEpochSecond();

    // The metrics read the operator's cache, which can trail the API server by a moment.
    MetricsScrape scrape =
        Await.until(
            Fixture.TIMEOUT,
            "the expiration metric of Certificate metered",
            () -> Optional.of(MetricsScrape.of(OPERATOR))
                .filter(s -> s.value("certmanager_certificate_expiration_timestamp_seconds", certificate("metered")).orElse(0.0) == notAfter),
            () -> MetricsScrape.of(OPERATOR).samples("certmanager_certificate_expiration_timestamp_seconds", certificate("metered")).toString());

    assertThat(scrape.value("certmanager_certificate_renewal_timestamp_seconds", certificate("metered"))).contains(renewal);
    assertThat(scrape.value("certmanager_certificate_ready_status", certificate("metered", "condition", "True"))).contains(1.0);
    assertThat(scrape.value("certmanager_certificate_ready_status", certificate("metered", "condition", "False"))).contains(0.0);
    assertThat(scrape.value("certmanager_certificate_ready_status", certificate("metered", "condition", "Unknown"))).contains(0.0);

    fixture.client.resource(issued).delete();

    Await.until(
        Fixture.TIMEOUT,
        "the metrics of the deleted Certificate metered to disappear",
        () -> Optional.of(MetricsScrape.of(OPERATOR)).filter(s -> s.samples("certmanager_certificate_ready_status", certificate("metered")).isEmpty()),
        () -> MetricsScrape.of(OPERATOR).samples("certmanager_certificate_ready_status", certificate("metered")).toString());
  }

  @Test
  void controllersCountTheirSyncs() {
    MetricsScrape scrape = MetricsScrape.of(OPERATOR);

    for (String controller : new String[] {"certificates", "certificaterequests", "issuers"}) {
      assertThat(scrape.value("certmanager_controller_sync_call_count", Map.of("controller", controller)))
          .as("sync calls of %s", controller)
          .hasValueSatisfying(count -> assertThat(count).isGreaterThan(0));
    }
  }

  @Test
  void acmeRequestsAreCountedByEndpoint() {
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: pebble}\nspec:\n  acme:\n    server: " + environment.env("PEBBLE_DIRECTORY")
            + "\n    caBundle: " + environment.env("PEBBLE_CA_BUNDLE") + "\n    privateKeySecretRef: {name: pebble-account}\n    solvers: [{http01: {ingress: {}}}]\n");
    fixture.awaitIssuer("pebble", "True");

    MetricsScrape scrape = MetricsScrape.of(OPERATOR);
    Map<String, String> newAccount = Map.of("scheme", "https", "host", "127.0.0.1:14000", "action", "new_account", "method", "POST", "status", "201");
    assertThat(scrape.value("certmanager_http_acme_client_request_count", newAccount)).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
    assertThat(scrape.value("certmanager_http_acme_client_request_duration_seconds_count", newAccount))
        .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
    assertThat(scrape.samples("certmanager_http_acme_client_request_count", Map.of("action", "get_directory"))).isNotEmpty();
    assertThat(scrape.samples("certmanager_http_acme_client_request_count", Map.of())).allSatisfy(s -> assertThat(s.labels().get("action")).isNotEqualTo("unnamed_action"));
  }

  @Test
  void probesAnswerAndProcessMetricsAreThere() {
    assertThat(MetricsScrape.get(OPERATOR, "/healthz").statusCode()).isEqualTo(200);
    assertThat(MetricsScrape.get(OPERATOR, "/readyz").statusCode()).isEqualTo(200);
    MetricsScrape scrape = MetricsScrape.of(OPERATOR);
    assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
    assertThat(scrape.has("process_cpu_seconds_total")).isTrue();
  }
}
