package dev.certkeeper.cli;

import static dev.certkeeper.cli.SolverFlagsTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.GoDuration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** cert-manager's controller flags on `certkeeper operator`: carried over, ignored saying why, or refused saying why. */
class CertManagerFlagsTest {
  @Test
  void takesCertManagersNamesForFlagsCertkeeperHas() {
    OperatorCommand command =
        parse("--concurrent-workers=9", "--acme-http01-solver-nameservers=10.0.0.10:53,10.0.0.11", "--certificate-request-minimum-backoff-duration=30m");

    assertThat(command.maxConcurrentReconciles).isEqualTo(9);
    assertThat(command.selfCheckNameservers).containsExactly("10.0.0.10:53", "10.0.0.11");
    assertThat(command.issuanceBackoffBase).isEqualTo(GoDuration.parse("30m"));
  }

  @Test
  void acceptsFlagsCertkeeperDoesNotNeedAndSaysTheyAreIgnored() {
    String[] args = {
      "--v=2", "--feature-gates=ACMEUseARI=true,ServerSideApply=true", "--kube-api-qps", "50", "--dns01-recursive-nameservers-only",
      "--enable-gateway-api=true", "--max-certificate-size=40000", "--leader-elect"
    };
    OperatorCommand command = parse(args);

    assertThat(CertManagerFlags.ignored(List.of(args)))
        .containsExactly(
            "ignoring cert-manager's --v: certkeeper's log level is --log-level",
            "ignoring cert-manager's --feature-gates: certkeeper has no feature gates; what cert-manager's gates turn on is always on here, or not offered",
            "ignoring cert-manager's --kube-api-qps: the Kubernetes client is not rate limited on the client side",
            "ignoring cert-manager's --dns01-recursive-nameservers-only: certkeeper solves HTTP-01 challenges only",
            "ignoring cert-manager's --enable-gateway-api: certkeeper has no gateway-shim",
            "ignoring cert-manager's --max-certificate-size: the API server's object size limit applies");
    assertThat(command.leaderElectionFlags.election("ns")).as("certkeeper's own flags still count").isPresent();
  }

  @Test
  void refusesFlagsThatWouldChangeWhichObjectsAreActedOnOrHowCertkeeperIsReached() {
    assertThatThrownBy(() -> parse("--namespace=team-a").certManager.refuseUnsupported())
        .hasMessageStartingWith("--namespace (cert-manager's single-namespace mode) is not supported");
    assertThatThrownBy(() -> parse("--controllers=*,-ingress-shim").certManager.refuseUnsupported()).hasMessageStartingWith("--controllers is not supported");
    assertThatThrownBy(() -> parse("--kubeconfig=/etc/kube/config").certManager.refuseUnsupported())
        .hasMessageStartingWith("--kubeconfig and --master are not supported");
    assertThatThrownBy(() -> parse("--config=/etc/cert-manager/config.yaml").certManager.refuseUnsupported()).hasMessageStartingWith("--config is not supported");
    assertThatThrownBy(() -> parse("--metrics-tls-cert-file=/tls/tls.crt").certManager.refuseUnsupported())
        .hasMessageStartingWith("the --metrics-tls-* and --metrics-dynamic-serving-* flags are not supported");
  }

  @Test
  void acceptsCertManagersWaysOfSayingTheDefault() {
    assertThatCode(() -> parse("--namespace=", "--controllers=*").certManager.refuseUnsupported()).doesNotThrowAnyException();
  }

  @Test
  void logsShortVerbosityAndGoBooleansToo() {
    String[] args = {"-v2", "--enable-gateway-api=1", "--enable-profiling"};
    parse(args);

    assertThat(CertManagerFlags.ignored(List.of(args)))
        .containsExactly(
            "ignoring cert-manager's -v: certkeeper's log level is --log-level",
            "ignoring cert-manager's --enable-gateway-api: certkeeper has no gateway-shim",
            "ignoring cert-manager's --enable-profiling: certkeeper serves no profiling endpoint");
  }

  @Test
  void aFlagGivenAgainTakesItsLastValueAsInGo() {
    CommandLine commandLine = Main.commandLine();
    commandLine.parseArgs("operator", "--max-concurrent-challenges=60", "--leader-elect", "--max-concurrent-challenges=100", "--concurrent-workers=9");
    OperatorCommand operator = commandLine.getSubcommands().get("operator").getCommand();

    assertThat(operator.maxConcurrentChallenges).isEqualTo(100);
    assertThat(operator.maxConcurrentReconciles).isEqualTo(9);
  }

  @Test
  void stillRefusesFlagsNobodyKnows() {
    assertThatThrownBy(() -> parse("--max-concurrent-challanges=3")).isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }
}
