package dev.certkeeper.acme.http01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.api.acme.PodTemplateMetadata;
import dev.certkeeper.api.acme.ServiceType;
import dev.certkeeper.api.acme.SolverIngressTemplate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngressOverridesTest {
  private static final SolverIngressTemplate TEMPLATE = new SolverIngressTemplate(new PodTemplateMetadata(Map.of("a", "b"), null));
  private static final Http01IngressSolver SOLVER = new Http01IngressSolver(ServiceType.CLUSTER_IP, "nginx", null, null, null, TEMPLATE);

  static Stream<Arguments> overrides() {
    return Stream.of(
        Arguments.of("no annotations keep the solver", Map.of(), SOLVER),
        Arguments.of("unrelated annotations keep the solver", Map.of("cert-manager.io/issuer", "x"), SOLVER),
        Arguments.of("an Ingress name replaces the class", Map.of(Http01Annotations.OVERRIDE_INGRESS_NAME, "my-app"),
            new Http01IngressSolver(ServiceType.CLUSTER_IP, null, null, "my-app", null, TEMPLATE)),
        Arguments.of("a class replaces the ingressClassName", Map.of(Http01Annotations.OVERRIDE_INGRESS_CLASS, "traefik"),
            new Http01IngressSolver(ServiceType.CLUSTER_IP, null, "traefik", null, null, TEMPLATE)),
        Arguments.of("an ingressClassName replaces the ingressClassName",
            Map.of(Http01Annotations.OVERRIDE_INGRESS_CLASS_NAME, "haproxy"),
            new Http01IngressSolver(ServiceType.CLUSTER_IP, "haproxy", null, null, null, TEMPLATE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overrides")
  void oneOverrideReplacesTheWholeIngressSelection(String description, Map<String, String> annotations, Http01IngressSolver expected) {
    IngressOverrides.Result result = IngressOverrides.effectiveIngressSolver(SOLVER, annotations);
    assertThat(result.ok()).isTrue();
    assertThat(result.solver()).isEqualTo(expected);
  }

  @Test
  void twoOverridesAreAnError() {
    IngressOverrides.Result result = IngressOverrides.effectiveIngressSolver(
        SOLVER, Map.of(Http01Annotations.OVERRIDE_INGRESS_NAME, "my-app", Http01Annotations.OVERRIDE_INGRESS_CLASS, "nginx"));
    assertThat(result.ok()).isFalse();
    assertThat(result.error()).isEqualTo("the annotations acme.cert-manager.io/http01-override-ingress-name, "
        + "acme.cert-manager.io/http01-override-ingress-class each choose the HTTP-01 Ingress; set at most one of them");
  }

  @Test
  void anEmptyOverrideIsAnError() {
    IngressOverrides.Result result = IngressOverrides.effectiveIngressSolver(SOLVER, Map.of(Http01Annotations.OVERRIDE_INGRESS_NAME, " "));
    assertThat(result.error()).isEqualTo(
        "the annotation acme.cert-manager.io/http01-override-ingress-name is empty; it must name an Ingress or an ingress class");
  }

  @Test
  void noAnnotationsAtAllKeepTheSolver() {
    assertThat(IngressOverrides.effectiveIngressSolver(SOLVER, null).solver()).isSameAs(SOLVER);
  }
}
