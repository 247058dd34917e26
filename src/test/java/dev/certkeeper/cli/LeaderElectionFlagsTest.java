package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.operator.LeaderElection;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `certkeeper operator`'s leader-election flags: off unless asked for, with Kubernetes' usual timings. */
class LeaderElectionFlagsTest {
  private static Optional<LeaderElection> parse(String... args) {
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args);
    return command.leaderElectionFlags.election("certkeeper");
  }

  @Test
  void isOffWithoutTheFlag() {
    assertThat(parse()).isEmpty();
    assertThat(parse("--leader-elect=false")).isEmpty();
  }

  @Test
  void usesTheOperatorsNamespaceAndKubernetesTimingsByDefault() {
    LeaderElectionConfiguration configuration = parse("--leader-elect").orElseThrow().configuration();

    assertThat(configuration.getLeaseNamespace()).contains("certkeeper");
    assertThat(configuration.getLeaseName()).isEqualTo("certkeeper-leader");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(configuration.getRenewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(configuration.getRetryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(configuration.isExitOnStopLeading()).as("the exit on a lost Lease is LeaderElection's own").isFalse();
  }

  @Test
  void flagsNameTheLeaseAndItsTimings() {
    LeaderElectionConfiguration configuration =
        parse(
                "--leader-elect=true", "--leader-election-namespace", "kube-system", "--leader-election-id", "certkeeper-test",
                "--leader-election-lease-duration", "1m", "--leader-election-renew-deadline", "40s", "--leader-election-retry-period", "15s")
            .orElseThrow()
            .configuration();

    assertThat(configuration.getLeaseNamespace()).contains("kube-system");
    assertThat(configuration.getLeaseName()).isEqualTo("certkeeper-test");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(configuration.getRenewDeadline()).isEqualTo(Duration.ofSeconds(40));
    assertThat(configuration.getRetryPeriod()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void twoProcessesOnOneHostHaveDifferentIdentities() {
    assertThat(parse("--leader-elect").orElseThrow().configuration().getIdentity())
        .isNotEqualTo(parse("--leader-elect").orElseThrow().configuration().getIdentity());
  }

  @Test
  void rejectsARenewDeadlineThatDoesNotFitTheLease() {
    assertThatThrownBy(() -> parse("--leader-elect", "--leader-election-lease-duration", "10s", "--leader-election-renew-deadline", "10s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease duration (PT10S) must be longer than the renew deadline (PT10S)");
    assertThatThrownBy(() -> parse("--leader-elect", "--leader-election-retry-period", "10s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renew deadline (PT10S) must be longer than the retry period (PT10S)");
  }
}
