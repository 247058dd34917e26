package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.cli.report.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The user commands' arguments, checked before any cluster is contacted. */
class UserCommandsTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "renew                 | give the names of Certificates to renew, or --all (or -l SELECTOR)",
    "renew web --all       | give either Certificate names or --all/-l, not both",
    "renew web -A          | -A/--all-namespaces goes with --all or -l",
    "status                | Missing required subcommand",
    "status certificate    | Missing required parameter: 'NAME'",
    "inspect secret a b    | Unmatched argument at index 3: 'b'",
    "check api --wait=soon | Invalid value for option '--wait'",
    "status cert web -o xml | Invalid value for option '--output'"
  })
  void usageErrorsExitWith2AndSayWhatIsWrong(String args, String message) {
    Run run = run(args.split(" "));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(message);
  }

  @Test
  void outputFormatsAreReadInAnyCase() {
    CertificateStatusCommand command = new CertificateStatusCommand();
    new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("web", "-o", "yaml");
    assertThat(command.output.format).isEqualTo(OutputFormat.YAML);
  }

  @Test
  void helpDocumentsTheExitCodes() {
    for (String command : new String[] {"status certificate", "renew", "inspect secret", "check api"}) {
      Run run = run((command + " --help").split(" "));
      assertThat(run.exit()).isZero();
      assertThat(run.out()).contains("Exit codes:", "  0 ", "  1 ", "  2 ");
    }
  }

  /** A kubeconfig with contexts dev and prod for a server that refuses connections; dev is current. */
  private static Path unreachableKubeconfig(Path directory) throws IOException {
    return Files.writeString(directory.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: dev, context: {cluster: c, user: u}}, {name: prod, context: {cluster: c, user: u}}]
        current-context: dev
        """);
  }

  @Test
  void anUnknownContextIsAnErrorAsInKubectl(@TempDir Path directory) throws IOException {
    Path kubeconfig = unreachableKubeconfig(directory);

    Run run = run("check", "api", "--kubeconfig", kubeconfig.toString(), "--context", "staging");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: context staging not found in the kubeconfig; its contexts: dev, prod\n");
  }

  @Test
  void checkApiTakesTheArgumentsOfCertManagersStartupCheck(@TempDir Path directory) throws IOException {
    Path kubeconfig = unreachableKubeconfig(directory);

    Run run = run("check", "api", "--wait=0s", "-v", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exit()).as("not a usage error").isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot reach the API server");
  }

  @Test
  void anUnreadableKubeconfigIsAnErrorWithExitCode1() {
    Run run = run("status", "certificate", "web", "--kubeconfig", "/nonexistent/kubeconfig");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: cannot read the kubeconfig file /nonexistent/kubeconfig\n");
  }
}
