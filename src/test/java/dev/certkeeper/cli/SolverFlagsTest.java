package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.acme.http01.SolverSettings;
import dev.certkeeper.operator.OperatorSettings;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** `certkeeper operator`'s HTTP-01 solver flags, named and defaulted as cert-manager's. */
class SolverFlagsTest {
  /** `certkeeper operator` with these arguments, parsed (not run). */
  static OperatorCommand parse(String... args) {
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void defaultsToCertManagersSolverPods() {
    assertThat(parse().solver.settings()).isEqualTo(SolverSettings.defaults(OperatorSettings.DEFAULT_SOLVER_IMAGE));
  }

  @Test
  void takesCertManagersSolverFlags() {
    SolverSettings settings =
        parse(
                "--acme-http01-solver-image=registry.example/certkeeper:1.2", "--acme-http01-solver-resource-request-cpu=50m",
                "--acme-http01-solver-resource-request-memory=32Mi", "--acme-http01-solver-resource-limits-cpu=1",
                "--acme-http01-solver-resource-limits-memory=128Mi", "--acme-http01-solver-run-as-non-root=false",
                "--acme-http01-solver-extra-labels=team=platform, cost-centre=42", "--acme-http01-solver-runtime-class-name=gvisor")
            .solver.settings();

    assertThat(settings)
        .isEqualTo(new SolverSettings("registry.example/certkeeper:1.2", "50m", "32Mi", "1", "128Mi", false, Map.of("team", "platform", "cost-centre", "42"), "gvisor"));
  }

  @Test
  void aBlankRuntimeClassIsTheClustersDefault() {
    assertThat(parse("--acme-http01-solver-runtime-class-name=").solver.settings().runtimeClassName()).isNull();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(new String[] {"--acme-http01-solver-resource-request-cpu=lots"}, "--acme-http01-solver-resource-request-cpu: \"lots\" is not a Kubernetes quantity"),
        Arguments.of(new String[] {"--acme-http01-solver-resource-limits-memory=64MB!"}, "--acme-http01-solver-resource-limits-memory: \"64MB!\" is not a Kubernetes quantity"),
        Arguments.of(
            new String[] {"--acme-http01-solver-resource-request-cpu=200m"},
            "--acme-http01-solver-resource-request-cpu (200m) is above --acme-http01-solver-resource-limits-cpu (100m): Kubernetes refuses such a Pod"),
        Arguments.of(
            new String[] {"--acme-http01-solver-resource-request-memory=1Gi", "--acme-http01-solver-resource-limits-memory=512Mi"},
            "--acme-http01-solver-resource-request-memory (1Gi) is above --acme-http01-solver-resource-limits-memory (512Mi)"),
        Arguments.of(new String[] {"--acme-http01-solver-resource-request-cpu=-10m"}, "--acme-http01-solver-resource-request-cpu: \"-10m\" is not a Kubernetes quantity of zero or more"),
        Arguments.of(new String[] {"--acme-http01-solver-resource-limits-cpu=1m5"}, "--acme-http01-solver-resource-limits-cpu: \"1m5\" is not a Kubernetes quantity"),
        Arguments.of(new String[] {"--acme-http01-solver-extra-labels=team"}, "--acme-http01-solver-extra-labels: \"team\" is not key=value"),
        Arguments.of(new String[] {"--acme-http01-solver-extra-labels=team name=x"}, "--acme-http01-solver-extra-labels: \"team name=x\" is not a valid Kubernetes label"),
        Arguments.of(
            new String[] {"--acme-http01-solver-image=quay.io/jetstack/cert-manager-acmesolver:v1.19.1"},
            "--acme-http01-solver-image: quay.io/jetstack/cert-manager-acmesolver:v1.19.1 is cert-manager's solver image, which cannot run `certkeeper acmesolver`"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesValuesKubernetesWouldRefuseSayingWhichFlag(String[] args, String message) {
    assertThatThrownBy(() -> parse(args).solver.settings()).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }
}
