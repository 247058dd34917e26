package dev.certkeeper.cli;

import static dev.certkeeper.cli.SolverFlagsTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
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
  void refusesFlagsThatWouldChangeWhichObjectsAreActedOn() {
    assertThatThrownBy(() -> parse("--namespace=team-a").certManager.refuseUnsupported())
        .hasMessageStartingWith("--namespace (cert-manager's single-namespace mode) is not supported");
    assertThatThrownBy(() -> parse("--controllers=*,-ingress-shim").certManager.refuseUnsupported()).hasMessageStartingWith("--controllers is not supported");
  }

  @Test
  void stillRefusesFlagsNobodyKnows() {
    assertThatThrownBy(() -> parse("--max-concurrent-challanges=3")).isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }
}
