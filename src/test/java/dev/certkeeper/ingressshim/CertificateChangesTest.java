package dev.certkeeper.ingressshim;

import static dev.certkeeper.ingressshim.Ingresses.WEB;
import static dev.certkeeper.ingressshim.Ingresses.ingress;
import static dev.certkeeper.ingressshim.Ingresses.withClusterIssuer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a Certificate the shim controls is written again, and what is written. */
class CertificateChangesTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Set<String> MANAGED = IngressCertificates.managedAnnotations(IngressShimOptions.DEFAULTS);

  private static Certificate desired(Map<String, String> ingressAnnotations) {
    return IngressCertificates.derive(ingress(withClusterIssuer(ingressAnnotations), WEB), IngressShimOptions.DEFAULTS).certificates().get(0);
  }

  /** The desired Certificate as the API server returns it once written: through JSON, with server metadata. */
  private static Certificate stored(Certificate desired, Consumer<Certificate> edit) {
    Certificate stored = SERIALIZATION.unmarshal(SERIALIZATION.asJson(desired), Certificate.class);
    stored.getMetadata().setResourceVersion("42");
    stored.getMetadata().setUid("c3a9d7c4-0000-4000-8000-000000000001");
    edit.accept(stored);
    return stored;
  }

  private static Consumer<Certificate> annotate(String key, String value) {
    return c -> {
      Map<String, String> annotations = new HashMap<>(Optional.ofNullable(c.getMetadata().getAnnotations()).orElse(Map.of()));
      annotations.put(key, value);
      c.getMetadata().setAnnotations(annotations);
    };
  }

  static Stream<Arguments> cases() {
    Map<String, String> editInPlace = Map.of("acme.cert-manager.io/http01-edit-in-place", "true");
    return Stream.of(
        Arguments.of("as written", Map.of(), (Consumer<Certificate>) c -> {}, false),
        Arguments.of("an annotation the shim does not manage", Map.of(), annotate("example.com/note", "hand-written"), false),
        Arguments.of("the status written by the certificates controller", Map.of(),
            (Consumer<Certificate>) c -> c.setStatus(new CertificateStatus(null, null, null, null, null, 1, null, null, null)), false),
        Arguments.of("a label added by hand", Map.of(), (Consumer<Certificate>) c -> c.getMetadata().setLabels(Map.of("extra", "x")), true),
        Arguments.of("a DNS name edited by hand", Map.of(),
            (Consumer<Certificate>) c -> c.setSpec(Ingresses.spec("dnsNames: [web.example.com]")), true),
        Arguments.of("a spec field the shim does not set, added by hand", Map.of(),
            (Consumer<Certificate>) c -> c.setSpec(Ingresses.spec("isCA: true")), true),
        Arguments.of("a managed annotation removed by hand", editInPlace,
            (Consumer<Certificate>) c -> c.getMetadata().setAnnotations(Map.of()), true),
        Arguments.of("a managed annotation the Ingress no longer asks for", Map.of(), annotate("acme.cert-manager.io/http01-override-ingress-class", "nginx"), true),
        Arguments.of("the Ingress's new duration", Map.of("cert-manager.io/duration", "720h"), (Consumer<Certificate>) c -> c.setSpec(Ingresses.spec()), true));
  }

  @ParameterizedTest(name = "{0}: write {3}")
  @MethodSource("cases")
  void writesOnlyWhenLabelsManagedAnnotationsOrSpecDiffer(
      String description, Map<String, String> ingressAnnotations, Consumer<Certificate> edit, boolean written) {
    Certificate desired = desired(ingressAnnotations);

    assertThat(CertificateChanges.update(stored(desired, edit), desired, MANAGED).isPresent()).isEqualTo(written);
  }

  @Test
  void theUpdateTakesTheDesiredSpecLabelsAndManagedAnnotationsAndKeepsTheRest() {
    Certificate desired = desired(Map.of("cert-manager.io/duration", "720h", "acme.cert-manager.io/http01-ingress-class", "nginx"));
    Certificate existing =
        stored(
            desired(Map.of("acme.cert-manager.io/http01-edit-in-place", "true")),
            annotate("example.com/note", "hand-written").andThen(c -> c.getMetadata().setLabels(Map.of("old", "label"))));

    Certificate update = CertificateChanges.update(existing, desired, MANAGED).orElseThrow();

    assertThat(update.getSpec()).isEqualTo(desired.getSpec());
    assertThat(update.getMetadata().getLabels()).isEmpty();
    assertThat(update.getMetadata().getAnnotations())
        .isEqualTo(Map.of("example.com/note", "hand-written", "acme.cert-manager.io/http01-override-ingress-class", "nginx"));
    assertThat(update.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(update.getMetadata().getUid()).isEqualTo(existing.getMetadata().getUid());
    assertThat(update.getMetadata().getOwnerReferences()).isEqualTo(existing.getMetadata().getOwnerReferences());
    assertThat(existing.getMetadata().getLabels()).as("the cached Certificate is not changed").isEqualTo(Map.of("old", "label"));
    assertThat(existing.getMetadata().getAnnotations())
        .as("the cached Certificate is not changed")
        .containsOnlyKeys("example.com/note", "acme.cert-manager.io/http01-override-ingress-name", "cert-manager.io/issue-temporary-certificate");
  }
}
